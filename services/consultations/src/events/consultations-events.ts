import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventStreams } from '@pacjent/contracts';
import { Clock, OutboxRelay, OutboxTable, natsConnectionOptions } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { ConsultationsConfig } from '../config';

/**
 * Consultations' outbox relay (libs/platform OutboxRelay) into its stream
 * PACJENT_CONSULTATIONS_EVENTS: chat entries are published right after their
 * commit (`publishCommitted`), other events by a round right after theirs
 * (`flush`); for anything left over (a crash, NATS away) a round runs on start
 * and every OUTBOX_RELAY_INTERVAL_MS.
 */
@Injectable()
export class ConsultationsEvents extends OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    dataSource: DataSource,
    clock: Clock,
    private readonly config: ConsultationsConfig,
  ) {
    super(new OutboxTable(dataSource, 'consultations'), clock, {
      nats: natsConnectionOptions(config, 'consultations-events'),
      stream: EventStreams.consultations,
      service: 'consultations',
      replicas: config.JETSTREAM_REPLICAS,
      // Chat messages carry seqs (the gateways put them in order) and outcomes are one per visit.
      parallel: true,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.start();
    // What a previous process committed and never published (it stopped in between) goes out now.
    void this.flush();
    this.timer = setInterval(() => void this.flush(), this.config.OUTBOX_RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.stop();
  }
}
