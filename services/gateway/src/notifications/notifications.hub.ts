import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventStreams, Subjects, type NotificationEvent, type NotificationView } from '@pacjent/contracts';
import { busSubject, natsConnectionOptions } from '@pacjent/platform';
import {
  connect,
  JSONCodec,
  type Consumer,
  type ConsumerMessages,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { filter, map, Subject, type Observable } from 'rxjs';
import { GatewayConfig } from '../config';
import { readNotificationEvent } from './notification-event';

const codec = JSONCodec<unknown>();
/** While booking's stream is missing: look again after 1 s, 2 s, 4 s … at most 30 s apart. */
const STREAM_RETRY_MS = { first: 1000, max: 30_000 };

/**
 * Reads booking's notification events from JetStream and hands each to the
 * open streams of its patient. Every gateway replica reads every event: an
 * ordered consumer (ephemeral, in memory, no acks, no queue group) on the
 * booking events stream, filtered to the notification subject, starting
 * after the last message stored when the gateway starts. Across a NATS
 * reconnect it resumes after the last message it delivered (recreating
 * itself if the server lost it), so nothing published meanwhile is lost.
 * What happened before this replica started, a page asks for with
 * Last-Event-ID (see NotificationsFeed). See docs/decisions/0006.
 */
@Injectable()
export class NotificationsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsHub.name);
  private readonly events = new Subject<NotificationEvent>();
  private connection: NatsConnection | null = null;
  private messages: ConsumerMessages | null = null;
  private consumer: Consumer | null = null;
  /** The stream sequence of the last event read (or the last stored at start-up): the next read starts after it. */
  private lastSequence = 0;
  private readonly shutdown = new AbortController();

  constructor(private readonly config: GatewayConfig) {}

  /**
   * Connects and, when booking's stream exists, starts reading before the
   * gateway takes requests. Without the stream (booking not started yet), the
   * gateway starts anyway and the hub keeps looking in the background.
   */
  async onModuleInit(): Promise<void> {
    this.connection = await connect(natsConnectionOptions(this.config, 'gateway-notifications'));
    const manager = await this.connection.jetstreamManager();
    const lastStored = await this.lastStoredSequence(manager);
    if (lastStored === null) {
      this.logger.warn(`stream ${EventStreams.booking} not there yet; notifications start when booking creates it`);
      void this.retryReading();
      return;
    }
    this.lastSequence = lastStored;
    try {
      await this.startReading();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not start reading notification events; retrying');
      void this.retryReading();
    }
  }

  /** The notifications of one patient, as they happen. */
  of(patientId: string): Observable<NotificationView> {
    return this.events.pipe(
      filter((event) => event.patientId === patientId),
      map((event) => event.notification),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    this.messages?.stop();
    this.events.complete();
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }

  /** The sequence of the stream's last message, or null while the stream does not exist. */
  private async lastStoredSequence(manager: JetStreamManager): Promise<number | null> {
    try {
      return (await manager.streams.info(EventStreams.booking)).state.last_seq;
    } catch (error) {
      if (error instanceof Error && error.message === 'stream not found') return null;
      throw error;
    }
  }

  private async startReading(): Promise<void> {
    const connection = this.connection;
    if (!connection || this.shutdown.signal.aborted) return;
    const consumer = await connection.jetstream().consumers.get(EventStreams.booking, {
      filterSubjects: busSubject(Subjects.booking.notificationEvent),
      opt_start_seq: this.lastSequence + 1,
    });
    const messages = await consumer.consume();
    this.consumer = consumer;
    this.messages = messages;
    void this.deliver(messages);
  }

  private async deliver(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const message of messages) {
        this.lastSequence = message.seq;
        let data: unknown;
        try {
          data = codec.decode(message.data);
        } catch (error) {
          this.logger.warn({ err: error, seq: message.seq }, 'unreadable notification event');
          continue;
        }
        // Validated, never cast: a malformed event is skipped (and logged), it cannot reach a page or stop the feed.
        const read = readNotificationEvent(data);
        if ('invalid' in read) {
          this.logger.warn({ seq: message.seq, reason: read.invalid }, 'invalid notification event skipped');
          continue;
        }
        try {
          this.events.next(read.event);
        } catch (error) {
          this.logger.warn({ err: error, seq: message.seq }, 'a page could not take a notification');
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'notification consumer stopped');
    }
    if (this.shutdown.signal.aborted) return;
    // The consumer gave up (say the stream was deleted): start again after the last event read.
    void this.retryReading();
  }

  /**
   * Looks for the stream (1 s, 2 s, 4 s … 30 s apart) and reads after the last
   * event read. A stream that appeared after start-up, or was created again
   * (numbering from 1), is read from its start: all of it is new to us.
   */
  private async retryReading(): Promise<void> {
    for (let wait = STREAM_RETRY_MS.first; ; wait = Math.min(wait * 2, STREAM_RETRY_MS.max)) {
      try {
        await sleep(wait, undefined, { signal: this.shutdown.signal });
      } catch {
        return; // shutting down
      }
      try {
        const lastStored = await this.lastStoredSequence(await this.connection!.jetstreamManager());
        if (lastStored === null) continue;
        if (lastStored < this.lastSequence) this.lastSequence = 0;
        await this.startReading();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'could not start reading notification events; retrying');
      }
    }
  }

  /** Notification events in the stream this hub has not received yet (JetStream's num_pending); null while not reading. */
  async unreadEvents(): Promise<number | null> {
    if (!this.consumer || this.shutdown.signal.aborted) return null;
    return (await this.consumer.info(false)).num_pending;
  }
}
