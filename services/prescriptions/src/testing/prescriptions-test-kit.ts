import type { INestMicroservice } from '@nestjs/common';
import { Subjects, type Actor, type BusRequest, type DoctorPatientRelationDto } from '@pacjent/contracts';
import { busSubject, Clock, FixedClock, loadConfig, natsServers, PlatformConfig, type BusClient } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { PrescriptionsDefinition } from '../app';

/** Tuesday 3 March 2026, 9:00 in Warsaw. */
export const TEST_NOW = new Date('2026-03-03T08:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;

export const fullPatient = (): Actor => newActor({ level: 'full' });
export const newDoctor = (): Actor => newActor({ roles: ['doctor'], level: 'full' });

interface NestPacket {
  id: string;
  data: BusRequest<DoctorPatientRelationDto>;
}

/**
 * Booking's answer to "is this doctor related to this patient" (relations.ts),
 * given on the real bus by the test: these tests run the prescriptions
 * service alone; the e2e tests ask the real booking service.
 */
export class VisitRelations {
  private readonly pairs = new Set<string>();

  static async answer(): Promise<{ relations: VisitRelations; connection: NatsConnection }> {
    const relations = new VisitRelations();
    const connection = await connect({ servers: natsServers(loadConfig(PlatformConfig).NATS_URL) });
    const codec = JSONCodec<unknown>();
    const subscription = connection.subscribe(busSubject(Subjects.booking.doctorPatientRelation));
    void (async () => {
      for await (const message of subscription) {
        const packet = codec.decode(message.data) as NestPacket;
        const { actor, data } = packet.data;
        const related = !!actor && relations.pairs.has(`${actor.id}:${data.patientId}`);
        message.respond(codec.encode({ id: packet.id, response: { related }, isDisposed: true }));
      }
    })();
    await connection.flush();
    return { relations, connection };
  }

  /** The doctor has a visit with the patient (past 12 months or next 7 days). */
  relate(doctor: Actor, patient: Actor): void {
    this.pairs.add(`${doctor.id}:${patient.id}`);
  }

  /** The visit is over 12 months ago (or cancelled): no visit relation any more. */
  forget(doctor: Actor, patient: Actor): void {
    this.pairs.delete(`${doctor.id}:${patient.id}`);
  }
}

export interface PrescriptionsTestKit {
  service: INestMicroservice;
  bus: BusClient;
  clock: FixedClock;
  relations: VisitRelations;
  dataSource: DataSource;
  request<T>(subject: string, actor: Actor | null, data?: unknown): Promise<T>;
  /** The error a request fails with (fails the test if it succeeds). */
  failure(subject: string, actor: Actor | null, data?: unknown): Promise<{ code: string; details?: unknown }>;
  /** The id of a catalog product found by its name and strength (pack size: the smallest). */
  medicineId(name: string, strength?: string): Promise<string>;
  close(): Promise<void>;
}

/** The prescriptions service on its own fresh database, real PostgreSQL and NATS, a FixedClock at TEST_NOW. */
export async function startPrescriptions(env: Record<string, string> = {}): Promise<PrescriptionsTestKit> {
  const db: TestDatabase = await createTestDatabase();
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const clock = new FixedClock(TEST_NOW);
  const { relations, connection } = await VisitRelations.answer();
  let service: INestMicroservice;
  try {
    service = await startTestService(PrescriptionsDefinition, [{ provide: Clock, useValue: clock }]);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const bus = await testBusClient();
  const dataSource = service.get(DataSource);
  const request = <T>(subject: string, actor: Actor | null, data: unknown = {}) =>
    bus.request<T>(subject, { actor, data });
  return {
    service,
    bus,
    clock,
    relations,
    dataSource,
    request,
    failure: async (subject, actor, data = {}) => {
      const outcome = await request(subject, actor, data).then(
        (value) => ({ succeeded: value }),
        (error: unknown) => ({ error }),
      );
      if ('succeeded' in outcome)
        throw new Error(`expected ${subject} to fail, it answered ${JSON.stringify(outcome.succeeded)}`);
      return outcome.error as { code: string; details?: unknown };
    },
    async medicineId(name, strength) {
      const rows: Array<{ id: string }> = await dataSource.query(
        `SELECT id FROM "prescriptions"."medicines" WHERE name = $1 AND ($2::text IS NULL OR strength = $2)
          ORDER BY pack_size LIMIT 1`,
        [name, strength ?? null],
      );
      if (!rows[0]) throw new Error(`no ${name} ${strength ?? ''} in the catalog`);
      return rows[0].id;
    },
    close: async () => {
      await bus.onApplicationShutdown();
      await service.close();
      await connection.drain();
      await db.drop();
    },
  };
}
