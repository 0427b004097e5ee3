import type { INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  BusClient,
  configureMicroservice,
  instrumentService,
  loadConfig,
  microserviceOptions,
  migrateDatabase,
  natsAuth,
  PlatformConfig,
  type ServiceDefinition,
} from '@pacjent/platform';

/**
 * Runs a service in this process exactly as in production (its module, real
 * PostgreSQL schema and migrations, the NATS transport in its queue group),
 * with optional provider overrides such as a FixedClock.
 */
export async function startTestService(
  definition: ServiceDefinition,
  overrides: Array<{ provide: unknown; useValue: unknown }> = [],
): Promise<INestMicroservice> {
  const config = loadConfig(PlatformConfig);
  if (definition.database) await migrateDatabase(config.DATABASE_URL, definition.database);
  let builder = Test.createTestingModule({ imports: [definition.module] });
  for (const override of overrides) {
    builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestMicroservice(microserviceOptions(config, definition.name));
  configureMicroservice(app);
  await app.listen();
  instrumentService(app);
  return app;
}

/** A bus client for tests, as the gateway would use it. Close it in afterAll. */
export function testBusClient(timeoutMs = 5000): Promise<BusClient> {
  const config = loadConfig(PlatformConfig);
  return BusClient.connect({ url: config.NATS_URL, name: 'test-client', timeoutMs, ...natsAuth(config) });
}
