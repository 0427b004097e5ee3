import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects, type RegisterResult } from '@pacjent/contracts';
import { Clock, FixedClock, type BusClient } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityDefinition } from '../app';
import { ExpiredAttemptsJob } from './expired-attempts.job';
import { VerificationRepository } from './verification.repository';

const MINUTE = 60_000;

describe('identity confirmation records (identity over the bus, real PostgreSQL)', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;
  let db: DataSource;
  let repository: VerificationRepository;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startTestService(IdentityDefinition, [{ provide: Clock, useValue: clock }]);
    bus = await testBusClient();
    db = service.get(DataSource);
    repository = service.get(VerificationRepository);
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const register = async (pesel?: string): Promise<string> => {
    const data = {
      email: `pacjent.${randomUUID().slice(0, 8)}@example.com`,
      password: 'Bardzo-tajne-haslo-1',
      firstName: 'Jan',
      lastName: 'Kowalski',
      acceptTerms: true,
      ...(pesel ? { pesel } : {}),
    };
    return (await bus.request<RegisterResult>(Subjects.identity.register, { actor: null, data })).id;
  };

  const confirmation = (accountId: string, pesel: string) => ({
    accountId,
    method: 'facility' as const,
    pesel,
    firstName: 'Jan',
    lastName: 'Kowalski',
    birthDate: '1944-05-14',
    event: {
      accountId,
      method: 'facility' as const,
      outcome: 'confirmed' as const,
      code: null,
      reason: null,
      staffId: null,
      documentType: 'id_card',
      documentLast4: '1234',
      note: null,
      at: clock.now(),
    },
  });

  it('uses an attempt once, only before it expires and only until the account logs out', async () => {
    const accountId = await register();
    const attempt = { accountId, nonce: 'n', codeVerifier: 'v', bindingHash: 'ab'.repeat(32) };
    const soon = new Date(clock.now().getTime() + 10 * MINUTE);
    const once = await repository.createAttempt({ ...attempt, state: 'state-once' }, clock.now(), soon);
    const late = await repository.createAttempt({ ...attempt, state: 'state-late' }, clock.now(), soon);

    expect(await repository.openAttempt('state-once', clock.now())).toMatchObject({ id: once, accountId });
    const [first, second] = await Promise.all([
      repository.consumeAttempt(once, clock.now()),
      repository.consumeAttempt(once, clock.now()),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(first ?? second).toMatchObject({ accountId, nonce: 'n', codeVerifier: 'v', bindingHash: 'ab'.repeat(32) });
    expect(await repository.openAttempt('state-once', clock.now())).toBeNull();
    await expect(repository.consumeAttempt(late, new Date(clock.now().getTime() + 11 * MINUTE))).resolves.toBeNull();

    const cancelled = await repository.createAttempt({ ...attempt, state: 'state-cancelled' }, clock.now(), soon);
    expect(await repository.cancelOpenAttempts(accountId, clock.now())).toBe(2); // state-late and state-cancelled
    expect(await repository.openAttempt('state-cancelled', clock.now())).toBeNull();
    await expect(repository.consumeAttempt(cancelled, clock.now())).resolves.toBeNull();
  });

  it('deletes used and expired attempts, keeps live ones', async () => {
    const accountId = await register();
    const soon = new Date(clock.now().getTime() + 10 * MINUTE);
    const attempt = { accountId, nonce: 'n', codeVerifier: 'v', bindingHash: 'cd'.repeat(32) };
    await repository.createAttempt({ ...attempt, state: 'live' }, clock.now(), soon);
    const used = await repository.createAttempt({ ...attempt, state: 'used' }, clock.now(), soon);
    await repository.consumeAttempt(used, clock.now());
    expect(await service.get(ExpiredAttemptsJob).run()).toBeGreaterThanOrEqual(1);
    const states = (await db.query(`SELECT "state" FROM "identity"."bank_verification_attempts"`)) as Array<{
      state: string;
    }>;
    expect(states.map((s) => s.state)).toContain('live');
    expect(states.map((s) => s.state)).not.toContain('used');
  });

  it('lets the database decide one person, one account, and leaves the loser basic', async () => {
    const pesel = '44051401359';
    const [a, b] = await Promise.all([register(pesel), register(pesel)]);
    const results = await Promise.allSettled([
      repository.confirm(confirmation(a, pesel)),
      repository.confirm(confirmation(b, pesel)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: ErrorCode.IDENTITY_ALREADY_USED });
    const levels = (await db.query(`SELECT "level" FROM "identity"."accounts" WHERE "id" = ANY($1) ORDER BY "level"`, [
      [a, b],
    ])) as Array<{ level: string }>;
    expect(levels.map((l) => l.level)).toEqual(['basic', 'full']);
  });

  it('answers staff subjects only to staff, and a missing patient as NOT_FOUND', async () => {
    const patient = newActor();
    await expect(
      bus.request(Subjects.identity.searchPatients, { actor: patient, data: { query: 'kowalski' } }),
    ).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    const staff = newActor({ roles: ['staff'] });
    await expect(
      bus.request(Subjects.identity.getPatient, { actor: staff, data: { id: randomUUID() } }),
    ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(
      bus.request(Subjects.identity.confirmIdentity, {
        actor: staff,
        data: { patientId: randomUUID(), channel: 'facility', documentType: 'id_card', documentNumberLast4: '12345' },
      }),
    ).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });
});
