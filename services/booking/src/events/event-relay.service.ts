import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventStreams } from '@pacjent/contracts';
import { busSubject, Clock, natsConnectionOptions, PlatformConfig } from '@pacjent/platform';
import { connect, JSONCodec, RetentionPolicy, StorageType, type JetStreamClient, type NatsConnection } from 'nats';
import type { EntityManager } from 'typeorm';
import { OutboxRepository } from './outbox.repository';

/** One stream for booking's events under every bus prefix (the prefix is the first token). */
export const BOOKING_EVENTS_STREAM = EventStreams.booking;
const codec = JSONCodec<unknown>();
const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/**
 * The outbox relay: events are written in the transaction of the change they
 * announce (`record`), then published to JetStream with the outbox row id as
 * the message id (JetStream drops duplicates) — right after the commit
 * (`flush`) and, for anything left over, every two seconds.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EventRelay.name);
  private connection: NatsConnection | null = null;
  private jetstream: JetStreamClient | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly config: PlatformConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = await connect(natsConnectionOptions(this.config, 'booking-events'));
    const manager = await this.connection.jetstreamManager();
    const stream = {
      name: BOOKING_EVENTS_STREAM,
      subjects: ['*.booking.events.>'],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: 7 * DAY_NS,
    };
    try {
      await manager.streams.info(BOOKING_EVENTS_STREAM);
    } catch {
      try {
        await manager.streams.add(stream);
      } catch (error) {
        // Another replica created it meanwhile.
        this.logger.debug({ err: error }, 'event stream already exists');
      }
    }
    this.jetstream = this.connection.jetstream();
  }

  async record(tx: EntityManager, subject: string, payloads: unknown[]): Promise<void> {
    const now = this.clock.now();
    for (const payload of payloads) await this.outbox.add(tx, subject, payload, now);
  }

  /** Publishes what is waiting; call after the recording transaction commits. */
  @Interval(2000)
  async flush(): Promise<number> {
    const jetstream = this.jetstream;
    if (!jetstream) return 0;
    try {
      return await this.outbox.drain(this.clock.now(), async (row) => {
        await jetstream.publish(busSubject(row.subject), codec.encode(row.payload), { msgID: row.id });
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay round failed');
      return 0;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }
}
