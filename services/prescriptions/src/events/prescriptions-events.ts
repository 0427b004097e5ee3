import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventStreams } from '@pacjent/contracts';
import { Clock, OutboxRelay, OutboxTable, PlatformConfig, natsConnectionOptions } from '@pacjent/platform';
import { DataSource } from 'typeorm';

/**
 * Prescriptions' outbox relay (libs/platform OutboxRelay) into its stream
 * PACJENT_PRESCRIPTIONS_EVENTS: right after a commit (`flush`) and, for
 * anything left over (a crash, NATS away), every two seconds.
 */
@Injectable()
export class PrescriptionsEvents extends OutboxRelay implements OnModuleInit, OnApplicationShutdown {
  constructor(dataSource: DataSource, clock: Clock, config: PlatformConfig) {
    super(new OutboxTable(dataSource, 'prescriptions'), clock, {
      nats: natsConnectionOptions(config, 'prescriptions-events'),
      stream: EventStreams.prescriptions,
      service: 'prescriptions',
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
