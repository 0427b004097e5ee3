import type { INestMicroservice } from '@nestjs/common';
import type { Actor } from '@pacjent/contracts';
import { Clock, FixedClock, type BusClient } from '@pacjent/platform';
import { createTestDatabase, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConsultationsDefinition } from '../app';
import { ReferralEntity } from '../referrals/referral.entity';
import { VisitOutcomeEntity } from '../visits/visit-outcome.entity';

export const DAY = 24 * 60 * 60 * 1000;

/** Builds record rows straight through the entities (what a completed visit leaves behind). */
export class RecordFactory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: FixedClock,
  ) {}

  async newVisit(overrides: Partial<VisitOutcomeEntity> = {}): Promise<VisitOutcomeEntity> {
    const now = this.clock.now();
    const visit = Object.assign(new VisitOutcomeEntity(), {
      appointmentId: randomUUID(),
      patientId: randomUUID(),
      doctorAccountId: randomUUID(),
      doctorId: randomUUID(),
      doctorName: 'lek. Anna Testowa',
      serviceId: randomUUID(),
      serviceName: 'Konsultacja internistyczna',
      serviceKind: 'consultation' as const,
      channel: 'in_person' as const,
      startsAt: new Date(now.getTime() - 60 * 60 * 1000),
      status: 'completed' as const,
      notes: 'Notatka',
      recommendations: 'Zalecenia',
      diagnoses: [{ code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' }],
      completedAt: now,
      idempotencyKey: null,
      requestHash: null,
      openQuestions: 0,
      ...overrides,
    });
    await this.dataSource.getRepository(VisitOutcomeEntity).insert(visit);
    return visit;
  }

  async newReferral(overrides: Partial<ReferralEntity> = {}): Promise<ReferralEntity> {
    const now = this.clock.now();
    const visit = overrides.appointmentId
      ? null
      : await this.newVisit(overrides.patientId ? { patientId: overrides.patientId } : {});
    const referral = Object.assign(new ReferralEntity(), {
      id: randomUUID(),
      appointmentId: visit?.appointmentId,
      patientId: visit?.patientId,
      doctorId: visit?.doctorId ?? randomUUID(),
      doctorName: 'lek. Anna Testowa',
      kind: 'rehabilitation' as const,
      serviceId: randomUUID(),
      serviceName: 'Rehabilitacja',
      sessionsTotal: 3,
      sessionsUsed: 0,
      issuedAt: now,
      validUntil: new Date(now.getTime() + 90 * DAY),
      ...overrides,
    });
    await this.dataSource.getRepository(ReferralEntity).insert(referral);
    return referral;
  }
}

export interface ConsultationsTestKit {
  service: INestMicroservice;
  bus: BusClient;
  clock: FixedClock;
  factory: RecordFactory;
  dataSource: DataSource;
  request<T>(subject: string, actor: Actor | null, data: unknown, idempotencyKey?: string): Promise<T>;
  failure(subject: string, actor: Actor | null, data: unknown): Promise<{ code: string }>;
  close(): Promise<void>;
}

/** The consultations service on its own fresh database (real PostgreSQL and NATS), with a FixedClock. */
export async function startConsultations(env: Record<string, string> = {}): Promise<ConsultationsTestKit> {
  const db: TestDatabase = await createTestDatabase();
  Object.assign(process.env, env);
  const clock = new FixedClock(new Date('2026-03-02T07:00:00Z'));
  const service = await startTestService(ConsultationsDefinition, [{ provide: Clock, useValue: clock }]);
  const bus = await testBusClient();
  const dataSource = service.get(DataSource);
  const request = <T>(subject: string, actor: Actor | null, data: unknown, idempotencyKey?: string) =>
    bus.request<T>(subject, { actor, data, ...(idempotencyKey ? { idempotencyKey } : {}) });
  return {
    service,
    bus,
    clock,
    factory: new RecordFactory(dataSource, clock),
    dataSource,
    request,
    failure: async (subject, actor, data) => {
      const outcome = await request(subject, actor, data).then(
        (value) => ({ succeeded: value }),
        (error: unknown) => ({ error }),
      );
      if ('succeeded' in outcome)
        throw new Error(`expected ${subject} to fail, it answered ${JSON.stringify(outcome.succeeded)}`);
      return outcome.error as { code: string };
    },
    close: async () => {
      await bus.onApplicationShutdown();
      await service.close();
      await db.drop();
    },
  };
}
