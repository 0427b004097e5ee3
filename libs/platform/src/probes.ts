import type { INestApplicationContext, INestMicroservice } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { DrainingNatsServer } from './drain';

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
  const dataSource = databaseOf(app);
  if (dataSource && !(await answers(dataSource))) failing.push('postgres');
  return { ready: failing.length === 0, failing };
}

function databaseOf(app: INestApplicationContext): DataSource | undefined {
  try {
    return app.get(DataSource, { strict: false });
  } catch {
    return undefined;
  }
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

/** Probes for a listening service (its bus server found through its NATS connection). */
export function startServiceProbes(app: INestMicroservice, port: number, host = '0.0.0.0'): Promise<ProbeServer> {
  const server = DrainingNatsServer.of(app.unwrap<NatsConnection>());
  if (!server) throw new Error('startServiceProbes: the service does not listen on the draining NATS transport');
  return startProbeServer(port, host, { ready: () => serviceReadiness(app, server) });
}
