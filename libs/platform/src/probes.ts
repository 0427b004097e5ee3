import type { INestApplicationContext, INestMicroservice } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from 'nats';
import type { DataSource } from 'typeorm';
import { DrainingNatsServer } from './drain';
import { dataSourceOf, Metrics } from './metrics';

export interface Readiness {
  ready: boolean;
  /** What is not ready: draining, nats, postgres. */
  failing: string[];
}

/** How long the database check of a readiness probe may take. */
const DATABASE_CHECK_MS = 1000;

/**
 * A service's readiness, from local state only: not draining, connected to
 * NATS, and its PostgreSQL answers `SELECT 1` (when it has a database).
 */
export async function serviceReadiness(app: INestApplicationContext, server: DrainingNatsServer): Promise<Readiness> {
  const failing: string[] = [];
  if (!server.accepting) failing.push('draining');
  else if (!server.connected) failing.push('nats');
  const dataSource = dataSourceOf(app);
  if (dataSource && !(await answers(dataSource))) failing.push('postgres');
  return { ready: failing.length === 0, failing };
}

async function answers(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS)));
  try {
    return await Promise.race([dataSource.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface ProbeServer {
  port: number;
  close(): Promise<void>;
}

export interface ProbeRoutes {
  ready(): Promise<Readiness>;
  /** Prometheus text and its content type (GET /metrics), when metrics are on. */
  metrics?(): Promise<{ contentType: string; body: string }>;
}

/**
 * The process's own small HTTP listener for the orchestrator and Prometheus:
 * `GET /live` (the event loop runs), `GET /ready` (503 with what fails) and
 * `GET /metrics`. Separate from the bus so probes stay cheap and local.
 */
export function startProbeServer(port: number, host: string, routes: ProbeRoutes): Promise<ProbeServer> {
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: string, contentType = 'application/json') => {
      response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(body);
    };
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return send(405, JSON.stringify({ error: 'method not allowed' }));
    if (path === '/live') return send(200, JSON.stringify({ status: 'ok' }));
    if (path === '/ready') {
      void routes.ready().then(
        (readiness) =>
          send(
            readiness.ready ? 200 : 503,
            JSON.stringify({ status: readiness.ready ? 'ok' : 'unavailable', failing: readiness.failing }),
          ),
        () => send(503, JSON.stringify({ status: 'unavailable', failing: ['probe'] })),
      );
      return;
    }
    if (path === '/metrics' && routes.metrics) {
      void routes.metrics().then(
        (metrics) => send(200, metrics.body, metrics.contentType),
        () => send(500, 'metrics failed', 'text/plain'),
      );
      return;
    }
    send(404, JSON.stringify({ error: 'not found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** The application's metrics (PlatformModule provides them), if it has any. */
function metricsOf(app: INestApplicationContext): Metrics | undefined {
  try {
    return app.get(Metrics, { strict: false });
  } catch {
    return undefined;
  }
}

function busServerOf(app: INestMicroservice): DrainingNatsServer {
  const server = DrainingNatsServer.of(app.unwrap<NatsConnection>());
  if (!server) throw new Error('the service does not listen on the draining NATS transport');
  return server;
}

/**
 * Connects a listening service to its metrics: bus handler latency from its
 * transport, its database pool. Called once the service listens.
 */
export function instrumentService(app: INestMicroservice): void {
  const metrics = metricsOf(app);
  if (!metrics) return;
  busServerOf(app).onHandled = (subject, outcome, seconds) =>
    metrics.busHandlerSeconds.observe({ subject, outcome }, seconds);
  const dataSource = dataSourceOf(app);
  if (dataSource) metrics.watchPool(dataSource);
}

/** Probes and metrics for a listening service (its bus server found through its NATS connection). */
export function startServiceProbes(app: INestMicroservice, port: number, host = '0.0.0.0'): Promise<ProbeServer> {
  const server = busServerOf(app);
  const metrics = metricsOf(app);
  return startProbeServer(port, host, {
    ready: () => serviceReadiness(app, server),
    ...(metrics ? { metrics: () => metrics.render() } : {}),
  });
}
