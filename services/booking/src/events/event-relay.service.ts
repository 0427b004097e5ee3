import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventStreams } from '@pacjent/contracts';
import { Clock, OutboxRelay, OutboxTable, PlatformConfig, natsConnectionOptions } from '@pacjent/platform';
import { DataSource } from 'typeorm';

/** One stream for booking's events under every bus prefix (the prefix is the first token). */
export const BOOKING_EVENTS_STREAM = EventStreams.booking;

/**
 * Booking's outbox relay (libs/platform OutboxRelay, shared with
 * consultations): events are written in the transaction of the change they
 * announce (`record`), then published to JetStream with the outbox row id as
 * the message id — right after the commit (`flush`) and, for anything left
 * over, every two seconds.
 */
@Injectable()
export class EventRelay extends OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  constructor(dataSource: DataSource, clock: Clock, config: PlatformConfig) {
    super(new OutboxTable(dataSource, 'booking'), clock, {
      nats: natsConnectionOptions(config, 'booking-events'),
      stream: BOOKING_EVENTS_STREAM,
      service: 'booking',
      replicas: config.JETSTREAM_REPLICAS,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  @Interval(2000)
  override flush(): Promise<number> {
    return super.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
