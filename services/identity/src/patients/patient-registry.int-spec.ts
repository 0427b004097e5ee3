import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects, type RecordPatientView, type ResolvedPatient } from '@pacjent/contracts';
import type { BusClient } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { IdentityDefinition } from '../app';
import { DEMO_ACCOUNTS, DEMO_PATIENT_ID } from '../demo/demo-accounts';

const demoPatient = DEMO_ACCOUNTS.find((account) => account.id === DEMO_PATIENT_ID)!;
const lab = newActor({ roles: ['lab'], level: 'full' });

describe('patient registry (identity over the bus)', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;

  beforeAll(async () => {
    process.env.SEED_DEMO_DATA = 'true';
    database = await createTestDatabase();
    service = await startTestService(IdentityDefinition);
    bus = await testBusClient();
  });
  afterAll(async () => {
    delete process.env.SEED_DEMO_DATA;
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const resolve = (actor: ReturnType<typeof newActor>, pesel: unknown) =>
    bus.request<ResolvedPatient>(Subjects.identity.resolvePatientByPesel, { actor, data: { pesel } });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );

  it('resolves a confirmed patient by PESEL for a laboratory', async () => {
    await expect(resolve(lab, demoPatient.pesel)).resolves.toEqual({ patientId: DEMO_PATIENT_ID });
  });

  it('does not resolve a PESEL that only a basic account typed at registration', async () => {
    await bus.request(Subjects.identity.register, {
      actor: null,
      data: {
        email: 'basic.pesel@example.test',
        password: 'Bardzo-tajne-haslo-1',
        firstName: 'Jan',
        lastName: 'Kowalski',
        pesel: '44051401359',
        acceptTerms: true,
      },
    });
    await expect(failure(resolve(lab, '44051401359'))).resolves.toMatchObject({ code: ErrorCode.PATIENT_NOT_FOUND });
  });

  it('answers laboratories only, and validates the PESEL', async () => {
    await expect(failure(resolve(newActor({ level: 'full' }), demoPatient.pesel))).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    await expect(failure(resolve(newActor({ roles: ['doctor'] }), demoPatient.pesel))).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    await expect(failure(resolve(lab, '8504120346\u0000'))).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it("gives a full patient their own confirmed identity, and nobody else's", async () => {
    const own = await bus.request<RecordPatientView>(Subjects.identity.recordPatient, {
      actor: { id: DEMO_PATIENT_ID, roles: ['patient'], level: 'full' },
      data: {},
    });
    expect(own).toMatchObject({
      id: DEMO_PATIENT_ID,
      firstName: demoPatient.firstName,
      lastName: demoPatient.lastName,
      pesel: demoPatient.pesel,
      birthDate: '1985-04-12',
    });
    const basic = { id: DEMO_PATIENT_ID, roles: ['patient' as const], level: 'basic' as const };
    await expect(
      failure(bus.request(Subjects.identity.recordPatient, { actor: basic, data: {} })),
    ).resolves.toMatchObject({ code: ErrorCode.VERIFICATION_REQUIRED });
    await expect(
      failure(bus.request(Subjects.identity.recordPatient, { actor: lab, data: {} })),
    ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});
