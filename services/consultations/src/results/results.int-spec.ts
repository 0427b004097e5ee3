import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects } from '@pacjent/contracts';
import type { BusClient } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { ConsultationsDefinition } from '../app';
import { DEMO_PATIENT_ID } from '../demo/demo-results';
import { loadFhirDefinitions } from '../fhir/fhir-validator';

/**
 * The service's own checks, as another caller than the gateway would meet
 * them: who may post and read, and what a payload may be. (The flow through
 * the gateway is test/e2e/results.e2e-spec.ts.)
 */
describe('results over the bus', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;
  const lab = newActor({ roles: ['lab'], level: 'full' });
  const demoPatient = { id: DEMO_PATIENT_ID, roles: ['patient' as const], level: 'full' as const };

  beforeAll(async () => {
    process.env.SEED_DEMO_DATA = 'true';
    database = await createTestDatabase();
    service = await startTestService(ConsultationsDefinition);
    bus = await testBusClient();
    // The service runs in this process: load the FHIR definitions now, so the first validation is not
    // paying ~0.7 s (seconds on a loaded machine) against the bus client's 5 s timeout.
    loadFhirDefinitions();
  });
  afterAll(async () => {
    delete process.env.SEED_DEMO_DATA;
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const failure = (subject: string, actor: unknown, data: unknown) =>
    bus.request(subject, { actor: actor as never, data }).then(
      () => null,
      (error: unknown) => error,
    );

  it('takes bundles from laboratories only, as an object, with a well-formed document id', async () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [] };
    await expect(failure(Subjects.consultations.submitLabResults, demoPatient, { bundle })).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    await expect(failure(Subjects.consultations.submitLabResults, null, { bundle })).resolves.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
    await expect(failure(Subjects.consultations.submitLabResults, lab, { bundle: 'Bundle' })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
    await expect(
      failure(Subjects.consultations.submitLabResults, lab, { bundle, documentId: 'x\u0000' }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(
      failure(Subjects.consultations.submitLabResults, lab, { bundle, patientId: DEMO_PATIENT_ID }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    // A valid FHIR Bundle without a report.
    await expect(failure(Subjects.consultations.submitLabResults, lab, { bundle })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      details: { errors: [{ field: 'Bundle.entry', messages: ['the bundle must hold exactly one DiagnosticReport'] }] },
    });
  });

  it('shows results to full patients only, whatever the caller claims in the payload', async () => {
    const basic = { ...demoPatient, level: 'basic' as const };
    await expect(failure(Subjects.consultations.listResults, basic, {})).resolves.toMatchObject({
      code: ErrorCode.VERIFICATION_REQUIRED,
    });
    await expect(failure(Subjects.consultations.listResults, lab, {})).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    await expect(
      failure(Subjects.consultations.listResults, demoPatient, { patientId: DEMO_PATIENT_ID }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(
      failure(Subjects.consultations.parameterSeries, demoPatient, { loincCode: '2093-3\u0000' }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(
      failure(Subjects.consultations.getResult, demoPatient, { id: 'x'.repeat(10_000) }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    const stranger = newActor({ level: 'full' });
    const page = await bus.request<{ total: number }>(Subjects.consultations.listResults, {
      actor: stranger,
      data: {},
    });
    expect(page.total).toBe(0);
  });
});
