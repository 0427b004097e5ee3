import type { INestApplicationContext, INestMicroservice } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from 'nats';
import { DatabaseProbe } from './database-probe';
import { DrainingNatsServer } from './drain';
import { dataSourceOf, Metrics } from './metrics';

export interface Readiness {
  ready: boolean;
  /** What is not ready: draining, nats, postgres. */
  failing: string[];
}

/**
 * A service's readiness, from local state only: not draining, connected to
 * NATS, and PostgreSQL answers `SELECT 1` on the probe's own connection (when
 * the service has a database): a busy pool is not an outage.
 */
export async function serviceReadiness(
  server: DrainingNatsServer,
  database: DatabaseProbe | undefined,
): Promise<Readiness> {
  const failing: string[] = [];
  if (!server.accepting) failing.push('draining');
  else if (!server.connected) failing.push('nats');
  if (database && !(await database.answers())) failing.push('postgres');
  return { ready: failing.length === 0, failing };
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
export async function startServiceProbes(app: INestMicroservice, port: number, host = '0.0.0.0'): Promise<ProbeServer> {
  const server = busServerOf(app);
  const metrics = metricsOf(app);
  const dataSource = dataSourceOf(app);
  const database = dataSource ? new DatabaseProbe(dataSource) : undefined;
  const probes = await startProbeServer(port, host, {
    ready: () => serviceReadiness(server, database),
    ...(metrics ? { metrics: () => metrics.render() } : {}),
  });
  return {
    port: probes.port,
    close: async () => {
      await probes.close();
      await database?.close();
    },
  };
}
