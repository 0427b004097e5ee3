import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventStreams } from '@pacjent/contracts';
import { Metrics } from '@pacjent/platform';
import { Gauge } from 'prom-client';
import { NotificationsHub } from './notifications.hub';

/**
 * `pacjent_jetstream_consumer_pending_messages{stream, consumer}`: events
 * this gateway's notification consumer has not received yet, read from
 * JetStream when Prometheus scrapes (absent while the hub is not reading).
 */
@Injectable()
export class NotificationsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly hub: NotificationsHub,
  ) {}

  onModuleInit(): void {
    const hub = this.hub;
    const labels = { stream: EventStreams.booking, consumer: 'gateway-notifications' };
    new Gauge({
      name: 'pacjent_jetstream_consumer_pending_messages',
      help: 'Messages in a JetStream stream that a consumer has not received yet',
      labelNames: ['stream', 'consumer'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const pending = await hub.unreadEvents().catch(() => null);
        if (pending !== null) this.set(labels, pending);
      },
    });
  }
}
