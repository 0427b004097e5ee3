import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock, Metrics, OutboxTable } from '@pacjent/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * `pacjent_outbox_backlog_events` and `pacjent_outbox_oldest_age_seconds`,
 * read from the outbox table when Prometheus scrapes. A growing age means
 * events are committed but not reaching JetStream.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const outbox = new OutboxTable(this.dataSource, 'booking');
    const backlog = () => outbox.backlog(this.clock.now());
    new Gauge({
      name: 'pacjent_outbox_backlog_events',
      help: 'Outbox events committed but not yet published to JetStream',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await backlog()).count);
      },
    });
    new Gauge({
      name: 'pacjent_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none)',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await backlog()).oldestAgeSeconds);
      },
    });
  }
}
