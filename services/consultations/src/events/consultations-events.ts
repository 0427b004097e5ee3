import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventStreams } from '@pacjent/contracts';
import { Clock, OutboxRelay, OutboxTable, PlatformConfig, natsConnectionOptions } from '@pacjent/platform';
import { DataSource } from 'typeorm';

/**
 * Consultations' outbox relay (libs/platform OutboxRelay) into its stream
 * PACJENT_CONSULTATIONS_EVENTS: right after a commit (`flush`) and, for
 * anything left over (a crash, NATS away), every two seconds.
 */
@Injectable()
export class ConsultationsEvents extends OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  constructor(dataSource: DataSource, clock: Clock, config: PlatformConfig) {
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
  }

  @Interval(2000)
  override flush(): Promise<number> {
    return super.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
