import type { INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy, NatsContext } from '@nestjs/microservices';
import type { ServiceName } from '@pacjent/contracts';
import { Logger } from 'nestjs-pino';
import { loadConfig, natsAuth, natsServers, PlatformConfig } from './config';
import { migrateDatabase, type ServiceDatabase } from './database';
import { closeOnSignals, DrainingNatsServer } from './drain';
import { coalesceNatsWrites } from './nats-write-coalescing';
import { instrumentService, startServiceProbes } from './probes';
import { withCorrelationId } from './correlation';
import { BusReplySerializer } from './json-text';
import { BusExceptionFilter, correlationIdOf } from './rpc';

export interface ServiceDefinition {
  name: ServiceName;
  module: Type<unknown>;
  database?: ServiceDatabase;
}

/**
 * NATS transport joined to a queue group named after the service: N replicas
 * share the work. Every message is handled inside the correlation id it
 * carried (the server's processing hook, cheaper than an interceptor chain).
 */
export function microserviceOptions(config: PlatformConfig, service: string): CustomStrategy {
  coalesceNatsWrites();
  const server = new DrainingNatsServer({
    servers: natsServers(config.NATS_URL),
    ...natsAuth(config),
    queue: service,
    name: `${service}-${config.INSTANCE_ID}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    serializer: new BusReplySerializer(),
  });
  server.drainTimeoutMs = config.DRAIN_TIMEOUT_MS;
  server.setOnProcessingStartHook((_transport, context, done) => {
    void withCorrelationId(correlationIdOf(context as NatsContext), done);
  });
  return { strategy: server };
}

export function configureMicroservice(app: INestMicroservice): void {
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new BusExceptionFilter());
}

/** Migrates the service's schema, then starts it listening on the bus. */
export async function startService(definition: ServiceDefinition): Promise<INestMicroservice> {
  const config = loadConfig(PlatformConfig);
  if (definition.database) await migrateDatabase(config.DATABASE_URL, definition.database);
  const app = await NestFactory.createMicroservice<CustomStrategy>(definition.module, {
    ...microserviceOptions(config, definition.name),
    bufferLogs: true,
  });
  configureMicroservice(app);
  await app.listen();
  instrumentService(app);
  // SIGTERM drains: app.close() stops the bus first, then the shutdown hooks close the pools.
  closeOnSignals(app, definition.name, config.DRAIN_TIMEOUT_MS + 5000);
  if (config.HEALTH_PORT > 0) await startServiceProbes(app, config.HEALTH_PORT);
  return app;
}

/** Explains a start-up failure in one line a person can act on. */
export function describeStartupFailure(error: unknown): string {
  const err = error as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  const codes = [err.code, ...(err.errors ?? []).map((e) => e.code)];
  const message = err.message ?? String(error);
  if (codes.includes('REDIS_UNREACHABLE')) {
    return `${message}. Start it: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no, or: docker compose up -d redis`;
  }
  if (codes.includes('ECONNREFUSED') && /5432|postgres/i.test(message + JSON.stringify(err))) {
    return 'PostgreSQL is not reachable (DATABASE_URL). Start it: pg_ctlcluster 15 main start, or: docker compose up -d postgres';
  }
  if (codes.includes('CONNECTION_REFUSED') || /nats|4222/i.test(message)) {
    return 'NATS is not reachable (NATS_URL). Start it: nats-server -js, or: docker compose up -d nats-1 nats-2 nats-3';
  }
  if (codes.includes('ECONNREFUSED')) return `A dependency refused the connection: ${message}`;
  return message;
}

/** Entry point of a service process: start, or say why not in one line and exit 1. */
export function runService(definition: ServiceDefinition): void {
  startService(definition).catch((error: unknown) => {
    process.stderr.write(`[${definition.name}] cannot start: ${describeStartupFailure(error)}\n`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
    process.exit(1);
  });
}
