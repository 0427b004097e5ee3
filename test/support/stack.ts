import type { INestMicroservice } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock } from '@pacjent/platform';
import { createTestDatabase, startLocalS3, startTestService, type LocalS3, type TestDatabase } from '@pacjent/testing';
import { BookingDefinition } from '../../services/booking/src/app';
import { ConsultationsDefinition } from '../../services/consultations/src/app';
import { FilesDefinition } from '../../services/files/src/app';
import { createGatewayApp } from '../../services/gateway/src/app';
import { IdentityDefinition } from '../../services/identity/src/app';
import { PrescriptionsDefinition } from '../../services/prescriptions/src/app';
import { startMockBank, type MockBank } from '../../services/mock-bank/src/mock-bank';
import { createServer } from 'node:net';

export interface Stack {
  baseUrl: string;
  database: TestDatabase;
  /** The local S3 the files service and the gateway use (its `storage` lists what is stored). */
  s3: LocalS3;
  gateway: NestFastifyApplication;
  /** The mock bank identity's BANK_* variables point at (misbehave() for the certification-style tests). */
  bank: MockBank;
  close(): Promise<void>;
  /** The services, in start order: identity, booking, files, prescriptions, consultations. */
  services: INestMicroservice[];
}

export interface StackOptions {
  /** Seed the demo catalog, slots and accounts, as `npm start` does. Default true. */
  demoData?: boolean;
  /** A clock for identity (e.g. a FixedClock in the past, to mint expired tokens). */
  identityClock?: Clock;
  /** A clock for booking. */
  bookingClock?: Clock;
  /** Where the gateway finds the built web app (browser tests). */
  portalDist?: string;
}

/**
 * The whole portal in this process: every service on real NATS (under this
 * test file's subject prefix) with its schema in a fresh database, and the
 * gateway listening on a free port.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  process.env.SEED_DEMO_DATA = String(options.demoData ?? true);
  if (options.portalDist) process.env.PORTAL_DIST = options.portalDist;
  else process.env.PORTAL_DIST = '/nonexistent';
  const database = await createTestDatabase();
  // The bank must know the gateway's callback before identity starts: pick the gateway's port first.
  const gatewayPort = await freePort();
  const bank = await startMockBank({
    port: 0,
    clients: [
      {
        clientId: 'pacjent-test',
        clientSecret: 'pacjent-test-secret',
        redirectUris: [`http://127.0.0.1:${gatewayPort}/api/identity/verification/bank/callback`],
      },
    ],
  });
  Object.assign(process.env, {
    BANK_ISSUER: bank.issuer,
    BANK_CLIENT_ID: 'pacjent-test',
    BANK_CLIENT_SECRET: 'pacjent-test-secret',
    BANK_REDIRECT_URI: `http://127.0.0.1:${gatewayPort}/api/identity/verification/bank/callback`,
    PORTAL_URL: `http://127.0.0.1:${gatewayPort}`,
  });
  const s3 = await startLocalS3();
  const override = (clock?: Clock) => (clock ? [{ provide: Clock, useValue: clock }] : []);
  const services: INestMicroservice[] = [];
  try {
    services.push(await startTestService(IdentityDefinition, override(options.identityClock)));
    services.push(await startTestService(BookingDefinition, override(options.bookingClock)));
    for (const definition of [FilesDefinition, PrescriptionsDefinition, ConsultationsDefinition]) {
      services.push(await startTestService(definition));
    }
    const gateway = await createGatewayApp();
    await gateway.listen(gatewayPort, '127.0.0.1');
    const address = gateway.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      database,
      s3,
      gateway,
      bank,
      close: async () => {
        await gateway.close();
        await bank.close();
        await Promise.all(services.map((service) => service.close()));
        await database.drop();
        await s3.close();
      },
      services,
    };
  } catch (error) {
    await bank.close();
    await Promise.all(services.map((service) => service.close().catch(() => undefined)));
    await database.drop();
    await s3.close();
    throw error;
  }
}

/** A port nobody listens on right now (the gateway takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
