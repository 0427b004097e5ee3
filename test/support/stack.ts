import type { INestMicroservice } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, type BusUser } from '@pacjent/platform';
import {
  createTestDatabase,
  startLocalS3,
  startTestService,
  type LocalS3,
  type SecuredNats,
  type TestDatabase,
} from '@pacjent/testing';
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
  /** A running service by name (e.g. to stop one of its parts). */
  service(name: RestartableService): INestMicroservice;
  /** Stops a service (its process dies) and starts it again on the same database, as a redeploy would. */
  restart(name: RestartableService): Promise<void>;
  /** The services, in start order: identity, booking, files, prescriptions, consultations. */
  services: INestMicroservice[];
  /**
   * Another gateway replica on its own port (same bus, same services), as a load balancer would
   * spread pages over; close() stops it (a test may stop it earlier, as a crash would).
   */
  startGateway(): Promise<GatewayReplica>;
}

export interface GatewayReplica {
  baseUrl: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

export type RestartableService = 'booking' | 'consultations';

export interface StackOptions {
  /** Seed the demo catalog, slots and accounts, as `npm start` does. Default true. */
  demoData?: boolean;
  /** A clock for identity (e.g. a FixedClock in the past, to mint expired tokens). */
  identityClock?: Clock;
  /** A clock for booking. */
  bookingClock?: Clock;
  /** Where the gateway finds the built web app (browser tests). */
  portalDist?: string;
  /**
   * A NATS server with the portal's users and permissions (startSecuredNats()):
   * every service and the gateway connect to it as their own user.
   */
  bus?: Pick<SecuredNats, 'envOf'>;
  /** A clock for consultations (e.g. a FixedClock moved past a visit's start). */
  consultationsClock?: Clock;
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
  // Rate-limit counters per test file (its own Redis key prefix); a file that does not set a limit itself
  // (rate-limits.e2e-spec.ts does) gets limits no test reaches: its many accounts come from one address.
  process.env.RATE_LIMIT_PREFIX ??= `test:${process.env.BUS_PREFIX}`;
  for (const limit of RATE_LIMIT_VARIABLES) process.env[limit] ??= '1000000';
  const database = await createTestDatabase();
  // The bank must know the gateway's callback before identity starts: reserve the gateway's port first,
  // and hold it until the gateway listens (a port merely seen free is taken by another test's socket).
  const reservation = await reservePort();
  const gatewayPort = reservation.port;
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
  // Each process reads its NATS user from the environment as it starts.
  const connectAs = (user: BusUser) => options.bus && Object.assign(process.env, options.bus.envOf(user));
  try {
    connectAs('identity');
    services.push(await startTestService(IdentityDefinition, override(options.identityClock)));
    connectAs('booking');
    services.push(await startTestService(BookingDefinition, override(options.bookingClock)));
    for (const definition of [FilesDefinition, PrescriptionsDefinition]) {
      connectAs(definition.name);
      services.push(await startTestService(definition));
    }
    connectAs('consultations');
    services.push(await startTestService(ConsultationsDefinition, override(options.consultationsClock)));
    const restartable: Record<RestartableService, { index: number; start: () => Promise<INestMicroservice> }> = {
      booking: {
        index: 1,
        start: () => {
          connectAs('booking');
          return startTestService(BookingDefinition, override(options.bookingClock));
        },
      },
      consultations: {
        index: 4,
        start: () => {
          connectAs('consultations');
          return startTestService(ConsultationsDefinition, override(options.consultationsClock));
        },
      },
    };
    connectAs('gateway');
    const gateway = await createGatewayApp();
    await reservation.release();
    await gateway.listen(gatewayPort, '127.0.0.1');
    const address = gateway.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const replicas: GatewayReplica[] = [];
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      database,
      s3,
      gateway,
      bank,
      close: async () => {
        await Promise.all(replicas.map((replica) => replica.close()));
        await gateway.close();
        await bank.close();
        await Promise.all(services.map((service) => service.close()));
        await database.drop();
        await s3.close();
      },
      service: (name) => services[restartable[name].index]!,
      restart: async (name) => {
        const { index, start } = restartable[name];
        await services[index]!.close();
        services[index] = await start();
      },
      services,
      startGateway: async () => {
        connectAs('gateway');
        const app = await createGatewayApp();
        await app.listen(0, '127.0.0.1');
        const bound = app.getHttpServer().address();
        let closing: Promise<void> | undefined;
        const replica: GatewayReplica = {
          baseUrl: `http://127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`,
          app,
          close: () => (closing ??= app.close()),
        };
        replicas.push(replica);
        return replica;
      },
    };
  } catch (error) {
    await reservation.release();
    await bank.close();
    await Promise.all(services.map((service) => service.close().catch(() => undefined)));
    await database.drop();
    await s3.close();
    throw error;
  }
}

const RATE_LIMIT_VARIABLES = [
  'RATE_LIMIT_REGISTER_PER_HOUR',
  'RATE_LIMIT_CONTACT_PER_HOUR',
  'RATE_LIMIT_BANK_START_PER_HOUR',
  'RATE_LIMIT_SEARCH_PER_MINUTE',
];

/** A port held by a listening socket until release(), so nothing else binds it meanwhile. */
function reservePort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const release = () => new Promise<void>((done) => (server.listening ? server.close(() => done()) : done()));
      resolve({ port, release });
    });
  });
}
