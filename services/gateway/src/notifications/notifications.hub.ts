import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventStreams, Subjects, type NotificationEvent, type NotificationView } from '@pacjent/contracts';
import { busSubject, natsConnectionOptions, streamManagerOf } from '@pacjent/platform';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
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
 * After this long without a sign of life from its consumer, the hub asks
 * JetStream whether the consumer still exists, and replaces it if JetStream
 * says no or does not answer within CONSUMER_INFO_TIMEOUT_MS: a consumer
 * dies with its NATS node, silently. The watchdog looks once a second.
 */
const CONSUMER_CHECK_MS = 5000;
const CONSUMER_INFO_TIMEOUT_MS = 2000;
const WATCHDOG_TICK_MS = 1000;
/** An abandoned consumer (its gateway gone) is deleted by JetStream after this long without a pull. */
const CONSUMER_INACTIVE_NS = 5 * 60 * 1_000_000_000;

/**
 * Reads booking's notification events from JetStream and hands each to the
 * open streams of its patient. Every gateway replica reads every event,
 * through a consumer of its own: ephemeral, in memory, one copy, no acks, no
 * queue group, on the booking events stream, filtered to the notification
 * subject, starting after the last message stored when the gateway starts.
 *
 * The hub owns that consumer's life. Whenever the consumer is lost — its
 * NATS node died (JetStream does not move a one-copy consumer), the server
 * restarted and forgot it, JetStream says it is gone, a delivery was skipped
 * — the hub drops it and creates another that starts after the last event
 * it delivered: nothing published meanwhile is lost, nothing is delivered
 * twice. What happened before this replica started, a page asks for with
 * Last-Event-ID (see NotificationsFeed). See docs/decisions/0006 and 0024.
 */
@Injectable()
export class NotificationsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsHub.name);
  private readonly events = new Subject<NotificationEvent>();
  private connection: NatsConnection | null = null;
  /** The consumer being read and its messages; both null while there is none (starting, or replacing a lost one). */
  private messages: ConsumerMessages | null = null;
  private consumer: Consumer | null = null;
  /** The stream sequence of the last event read (or the last stored at start-up): the next read starts after it. */
  private lastSequence = 0;
  /** When the current consumer was started, last delivered an event or answered the watchdog (ms since the epoch). */
  private lastHeardAt = 0;
  private readonly shutdown = new AbortController();

  constructor(private readonly config: GatewayConfig) {}

  /**
   * Connects and, when booking's stream exists, starts reading before the
   * gateway takes requests. Without the stream (booking not started yet), the
   * gateway starts anyway and the hub keeps looking in the background.
   */
  async onModuleInit(): Promise<void> {
    this.connection = await connect(natsConnectionOptions(this.config, 'gateway-notifications'));
    void this.watchConsumer();
    const manager = await streamManagerOf(this.connection);
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
    const created = await (
      await streamManagerOf(connection)
    ).consumers.add(EventStreams.booking, {
      filter_subject: busSubject(Subjects.booking.notificationEvent),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: this.lastSequence + 1,
      ack_policy: AckPolicy.None,
      mem_storage: true,
      num_replicas: 1,
      inactive_threshold: CONSUMER_INACTIVE_NS,
    });
    const consumer = connection.jetstream({ timeout: CONSUMER_INFO_TIMEOUT_MS }).consumers.getPullConsumerFor(created);
    // Missing consumer or stream ends the messages (instead of nats.js asking again forever): the hub makes a new one.
    const messages = await consumer.consume({ abort_on_missing_resource: true });
    if (this.shutdown.signal.aborted) return messages.stop(); // shut down while it was being made
    this.consumer = consumer;
    this.messages = messages;
    this.lastHeardAt = Date.now();
    void this.deliver(messages);
  }

  private async deliver(messages: ConsumerMessages): Promise<void> {
    let delivered = 0;
    try {
      for await (const message of messages) {
        // A consumer that was replaced may still hand over what it had buffered: its replacement reads that again.
        if (messages !== this.messages) return;
        this.lastHeardAt = Date.now();
        // No acks, so nothing is redelivered: a hole in the consumer's own numbering is an event that never came.
        if (message.info.deliverySequence !== ++delivered) {
          this.logger.warn({ seq: message.seq }, 'a notification event was skipped; reading again after the last one');
          break;
        }
        this.lastSequence = message.seq;
        this.handToPages(message.data, message.seq);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'notification consumer stopped');
    }
    if (this.shutdown.signal.aborted || messages !== this.messages) return;
    // The consumer ended by itself (say it or the stream was deleted): start again after the last event read.
    this.replaceConsumer();
  }

  /** Decodes and validates one event and hands it to the pages; a malformed one is skipped (and logged). */
  private handToPages(bytes: Uint8Array, seq: number): void {
    let data: unknown;
    try {
      data = codec.decode(bytes);
    } catch (error) {
      this.logger.warn({ err: error, seq }, 'unreadable notification event');
      return;
    }
    // Validated, never cast: a malformed event cannot reach a page or stop the feed.
    const read = readNotificationEvent(data);
    if ('invalid' in read) {
      this.logger.warn({ seq, reason: read.invalid }, 'invalid notification event skipped');
      return;
    }
    try {
      this.events.next(read.event);
    } catch (error) {
      this.logger.warn({ err: error, seq }, 'a page could not take a notification');
    }
  }

  /**
   * Once the consumer has been quiet for CONSUMER_CHECK_MS, asks JetStream
   * for it. No answer (its node is down: nats.js would ask again every 30 s
   * forever) or "not found" replaces it.
   */
  private async watchConsumer(): Promise<void> {
    for (;;) {
      try {
        await sleep(WATCHDOG_TICK_MS, undefined, { signal: this.shutdown.signal });
      } catch {
        return; // shutting down
      }
      const consumer = this.consumer;
      if (!consumer || Date.now() - this.lastHeardAt < CONSUMER_CHECK_MS) continue;
      try {
        await consumer.info();
        this.lastHeardAt = Date.now();
      } catch (error) {
        if (consumer !== this.consumer || this.shutdown.signal.aborted) continue;
        this.logger.warn({ err: error }, 'notification consumer lost (its NATS node may be down); making a new one');
        this.replaceConsumer();
      }
    }
  }

  /** Stops reading the current consumer, deletes it if JetStream still can, and reads again after the last event. */
  private replaceConsumer(): void {
    const { consumer, messages } = this;
    this.consumer = null;
    this.messages = null;
    messages?.stop();
    void consumer?.delete().catch(() => undefined);
    void this.retryReading();
  }

  /**
   * Looks for the stream (1 s, 2 s, 4 s … 30 s apart while it does not exist;
   * 1 s apart while NATS does not answer) and reads after the last event
   * read. A stream that appeared after start-up, or was created again
   * (numbering from 1), is read from its start: all of it is new to us.
   */
  private async retryReading(): Promise<void> {
    for (let wait = STREAM_RETRY_MS.first; ;) {
      try {
        await sleep(wait, undefined, { signal: this.shutdown.signal });
      } catch {
        return; // shutting down
      }
      try {
        const lastStored = await this.lastStoredSequence(await streamManagerOf(this.connection!));
        if (lastStored === null) {
          wait = Math.min(wait * 2, STREAM_RETRY_MS.max);
          continue;
        }
        if (lastStored < this.lastSequence) this.lastSequence = 0;
        await this.startReading();
        return;
      } catch (error) {
        this.logger.warn({ err: error }, 'could not start reading notification events; retrying');
        wait = STREAM_RETRY_MS.first;
      }
    }
  }

  /** Notification events in the stream this hub has not received yet (JetStream's num_pending); null while not reading. */
  async unreadEvents(): Promise<number | null> {
    if (!this.consumer || this.shutdown.signal.aborted) return null;
    return (await this.consumer.info(false)).num_pending;
  }
}
