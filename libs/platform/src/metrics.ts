import type { INestApplicationContext } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Seconds: from a cache hit (~1 ms) to the bus timeout (5 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One process's Prometheus metrics (prom-client), one registry per
 * application so that two replicas in one test process stay apart. Every
 * series carries `service`. Node's default metrics (RSS, heap, event-loop
 * lag, GC, handles) come with it. Documented in docs/operations.md.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Bus request handling time, by subject (without the prefix) and outcome: `ok` or the error code. */
  readonly busHandlerSeconds: Histogram<'subject' | 'outcome'>;

  /** Gateway HTTP answer time, by method, route pattern and status. */
  readonly httpSeconds: Histogram<'method' | 'route' | 'status'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.busHandlerSeconds = new Histogram({
      name: 'pacjent_bus_handler_duration_seconds',
      help: 'Time from a bus request arriving to its reply, by subject and outcome (ok or the error code)',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.httpSeconds = new Histogram({
      name: 'pacjent_http_request_duration_seconds',
      help: 'Time to answer an HTTP request at the gateway, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** The PostgreSQL pool's connections: total, idle, and callers waiting for one. */
  watchPool(dataSource: DataSource): void {
    const pool = () => (dataSource.isInitialized ? ((dataSource.driver as PostgresDriver).master as Pool) : null);
    const gauge = (name: string, help: string, read: (pool: Pool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const current = pool();
          this.set(current ? read(current) : 0);
        },
      });
    gauge('pacjent_db_pool_connections', 'PostgreSQL connections open in the pool', (p) => p.totalCount);
    gauge('pacjent_db_pool_idle_connections', 'PostgreSQL connections idle in the pool', (p) => p.idleCount);
    gauge('pacjent_db_pool_waiting_requests', 'Queries waiting for a pool connection', (p) => p.waitingCount);
  }

  /** The text Prometheus scrapes. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The application's DataSource, when it has a database. */
export function dataSourceOf(app: INestApplicationContext): DataSource | undefined {
  try {
    return app.get(DataSource, { strict: false });
  } catch {
    return undefined;
  }
}
