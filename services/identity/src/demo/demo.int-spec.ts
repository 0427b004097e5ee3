import type { INestMicroservice } from '@nestjs/common';
import { Subjects, type MeView, type TokenResult } from '@pacjent/contracts';
import type { BusClient } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import { IdentityDefinition } from '../app';
import { DemoSeedService } from './demo-seed.service';

const STAFF_ID = '00000000-0000-4000-8000-0000000057af';
const DOCTOR_ID = '00000000-0000-4000-8000-000000000d0c';
const PATIENT_ID = '00000000-0000-4000-8000-00000000a71e';
const LAB_ID = '00000000-0000-4000-8000-000000001ab0';

describe('demo accounts (identity over the bus)', () => {
  let database: TestDatabase;
  let bus: BusClient;
  const started: INestMicroservice[] = [];
  const start = async (seed: boolean) => {
    process.env.SEED_DEMO_DATA = String(seed);
    const service = await startTestService(IdentityDefinition);
    started.push(service);
    return service;
  };
  const demoAccounts = (service: INestMicroservice): Promise<Array<{ id: string; email: string }>> =>
    service
      .get(DataSource)
      .query('SELECT id, email FROM "identity"."accounts" WHERE id = ANY($1) ORDER BY email', [
        [STAFF_ID, DOCTOR_ID, PATIENT_ID, LAB_ID],
      ]);

  beforeAll(async () => {
    database = await createTestDatabase();
    bus = await testBusClient();
  });
  afterAll(async () => {
    delete process.env.SEED_DEMO_DATA;
    await bus.onApplicationShutdown();
    for (const service of started) await service.close();
    await database.drop();
  });

  it('creates nothing unless SEED_DEMO_DATA is set', async () => {
    const service = await start(false);
    expect(await demoAccounts(service)).toEqual([]);
    await started.pop()!.close();
  });

  it('creates the staff, doctor, patient and laboratory accounts once, however many times it starts', async () => {
    const first = await start(true);
    const replica = await start(true);
    expect(await demoAccounts(first)).toEqual([
      { id: DOCTOR_ID, email: 'doctor@demo.test' },
      { id: LAB_ID, email: 'lab@demo.test' },
      { id: PATIENT_ID, email: 'patient@demo.test' },
      { id: STAFF_ID, email: 'staff@demo.test' },
    ]);
    await expect(replica.get(DemoSeedService).seed()).resolves.toBe(0);
    expect(await demoAccounts(first)).toHaveLength(4);
  });

  it('lets the demo staff and doctor sign in with the documented passwords, as full accounts with their roles', async () => {
    const signIn = (email: string, password: string) =>
      bus.request<TokenResult>(Subjects.identity.login, { actor: null, data: { email, password } });

    const staff = decodeJwt((await signIn('staff@demo.test', 'Staff#Demo2026')).accessToken);
    expect(staff).toMatchObject({ sub: STAFF_ID, roles: ['staff'], level: 'full' });
    const doctor = decodeJwt((await signIn('doctor@demo.test', 'Doctor#Demo2026')).accessToken);
    expect(doctor).toMatchObject({ sub: DOCTOR_ID, roles: ['doctor'], level: 'full' });

    const lab = decodeJwt((await signIn('lab@demo.test', 'Lab#Demo2026')).accessToken);
    expect(lab).toMatchObject({ sub: LAB_ID, roles: ['lab'], level: 'full' });

    const me = await bus.request<MeView>(Subjects.identity.me, {
      actor: newActor({ id: DOCTOR_ID, roles: ['doctor'], level: 'full' }),
      data: {},
    });
    expect(me).toMatchObject({ email: 'doctor@demo.test', roles: ['doctor'], level: 'full' });
  });

  it('gives the demo patient a full account confirmed at a facility, with a PESEL', async () => {
    const signIn = await bus.request<TokenResult>(Subjects.identity.login, {
      actor: null,
      data: { email: 'patient@demo.test', password: 'Patient#Demo2026' },
    });
    expect(decodeJwt(signIn.accessToken)).toMatchObject({ sub: PATIENT_ID, roles: ['patient'], level: 'full' });
    const me = await bus.request<MeView>(Subjects.identity.me, {
      actor: newActor({ id: PATIENT_ID, roles: ['patient'], level: 'full' }),
      data: {},
    });
    expect(me).toMatchObject({ level: 'full', verification: { method: 'facility' } });
    const [identity] = (await started[0]!
      .get(DataSource)
      .query(
        'SELECT pesel, birth_date::text AS "birthDate" FROM "identity"."verified_identities" WHERE account_id = $1',
        [PATIENT_ID],
      )) as Array<{ pesel: string; birthDate: string }>;
    expect(identity).toEqual({ pesel: '85041203465', birthDate: '1985-04-12' });
  });
});
