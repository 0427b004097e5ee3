import { EventStreams, type PrescriptionView } from '@pacjent/contracts';
import { FixedClock } from '@pacjent/platform';
import { connect, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { VisitPrescriptionsConsumer } from '../../services/prescriptions/src/visit-prescriptions/visit-prescriptions.consumer';
import type { ApiClient } from '../support/http';
import { findMedicine } from '../support/prescriptions';
import { eventually, MINUTE, RecordScenario } from '../support/record';
import { startStack, type Stack } from '../support/stack';

describe('prescribing in the visit outcome form, and repeat-safe issuing (ADR 0017)', () => {
  let stack: Stack;
  let scenario: RecordScenario;
  let nats: NatsConnection;
  let doctor: ApiClient;
  let bisocard: string;
  let amoksiklav: string;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    stack = await startStack({ consultationsClock: clock });
    scenario = new RecordScenario(stack);
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    doctor = await scenario.demoDoctor();
    bisocard = await findMedicine(doctor, 'bisocard', '5 mg');
    amoksiklav = await findMedicine(doctor, 'amoksiklav', '875 mg + 125 mg');
  });
  afterAll(async () => {
    await nats?.drain();
    await stack?.close();
  });

  const outcome = (prescriptions: unknown[]) => ({
    notes: 'Nadciśnienie, infekcja dróg oddechowych.',
    diagnoses: ['I10'],
    recommendations: 'Leki wg e-recept, kontrola za miesiąc.',
    referrals: [],
    prescriptions,
  });
  const line = (medicineId: string, overrides: Record<string, unknown> = {}) => ({
    medicineId,
    dosage: '1 tabl. rano',
    quantity: 2,
    refundLevel: '30%',
    ...overrides,
  });
  /** A full patient with a started visit of the demo doctor (consultations' clock past its start). */
  const startedVisit = async () => {
    const patient = await scenario.fullPatient();
    const visit = await scenario.book(patient.client);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));
    return { patient, visit };
  };
  const prescriptionsOf = async (patient: ApiClient): Promise<PrescriptionView[]> =>
    (await patient.get('/api/prescriptions')).body;
  const consumerInfo = async () =>
    (await nats.jetstreamManager()).consumers.info(
      EventStreams.consultations,
      `${process.env.BUS_PREFIX}-prescriptions-visit-prescriptions`,
    );

  it('issues each prescribed medicine as an e-prescription carrying the visit, once, whatever the doctor repeats', async () => {
    const { patient, visit } = await startedVisit();
    const body = outcome([
      line(bisocard, { validDays: 90, supplyDays: 90, noSubstitution: true }),
      line(amoksiklav, { dosage: '1 tabl. co 12 h', quantity: 1, refundLevel: '100%' }),
    ]);
    const key = { 'Idempotency-Key': `complete-${visit.id}` };
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, body, key);
    expect(completed.status).toBe(200);

    await eventually(async () => (await prescriptionsOf(patient.client)).length === 2);
    const issued = (await prescriptionsOf(patient.client)).sort((a, b) => a.visitLine! - b.visitLine!);
    expect(
      issued.map((p) => [p.appointmentId, p.visitLine, p.items[0]!.medicine.name, p.items[0]!.dosage, p.validDays]),
    ).toEqual([
      [visit.id, 1, 'Bisocard', '1 tabl. rano', 90],
      [visit.id, 2, 'Amoksiklav', '1 tabl. co 12 h', 7],
    ]);
    expect(issued[0]!.items[0]!.noSubstitution).toBe(true);

    // The doctor's retry (same key) gets the same answer and issues nothing more; a plain repeat is refused.
    const repeated = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, body, key);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(completed.body);
    expect((await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, body)).body.code).toBe(
      'VISIT_ALREADY_COMPLETED',
    );
    await eventually(async () => {
      const info = await consumerInfo();
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect(await prescriptionsOf(patient.client)).toHaveLength(2);
    const rows = await scenario.sql(`SELECT 1 FROM "prescriptions"."prescriptions" WHERE appointment_id = $1`, [
      visit.id,
    ]);
    expect(rows).toHaveLength(2);
  });

  it('stores nothing anywhere when a line cannot be issued', async () => {
    const { patient, visit } = await startedVisit();
    const tooLong = await doctor.post(
      `/api/doctor/appointments/${visit.id}/complete`,
      outcome([line(bisocard), line(amoksiklav, { validDays: 8 })]),
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.code).toBe('PRESCRIPTION_VALIDITY_INVALID');
    const unknown = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome([line(randomUUID())]));
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    const hostile = await doctor.post(
      `/api/doctor/appointments/${visit.id}/complete`,
      outcome([line(bisocard, { dosage: 'x'.repeat(201) })]),
    );
    expect(hostile.status).toBe(400);
    const six = await doctor.post(
      `/api/doctor/appointments/${visit.id}/complete`,
      outcome(Array.from({ length: 6 }, () => line(bisocard))),
    );
    expect(six.status).toBe(400);

    expect(
      await scenario.sql(`SELECT 1 FROM "consultations"."visit_outcomes" WHERE appointment_id = $1`, [visit.id]),
    ).toEqual([]);
    expect(
      await scenario.sql(`SELECT 1 FROM "consultations"."outbox" WHERE payload->>'appointmentId' = $1`, [visit.id]),
    ).toEqual([]);
    expect(await prescriptionsOf(patient.client)).toEqual([]);
    // The visit is still open: the doctor corrects the line and completes it.
    const fixed = await doctor.post(
      `/api/doctor/appointments/${visit.id}/complete`,
      outcome([line(bisocard), line(amoksiklav)]),
    );
    expect(fixed.status).toBe(200);
    await eventually(async () => (await prescriptionsOf(patient.client)).length === 2);
  });

  it('keeps the order to prescribe while prescriptions cannot take it, and issues it once prescriptions is back', async () => {
    const { patient, visit } = await startedVisit();
    // Prescriptions' event side dies after the check: nothing reads the completion's order to prescribe.
    await stack.service('prescriptions').get(VisitPrescriptionsConsumer).onApplicationShutdown();
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome([line(bisocard)]));
    expect(completed.status).toBe(200);
    await eventually(async () => (await consumerInfo()).num_pending === 1);
    expect(await prescriptionsOf(patient.client)).toEqual([]);

    // Prescriptions is redeployed: its durable consumer reads what waited.
    await stack.restart('prescriptions');
    await eventually(async () => (await prescriptionsOf(patient.client)).length === 1);
    await eventually(async () => {
      const info = await consumerInfo();
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect(await prescriptionsOf(patient.client)).toMatchObject([{ appointmentId: visit.id, visitLine: 1 }]);
  });

  it('answers repeats of POST /api/doctor/prescriptions under one Idempotency-Key with one prescription', async () => {
    const { patient } = await startedVisit();
    const body = { patientId: patient.id, items: [line(bisocard)] };
    const key = { 'Idempotency-Key': `issue-${randomUUID()}` };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => doctor.post('/api/doctor/prescriptions', body, key)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect(await prescriptionsOf(patient.client)).toHaveLength(1);

    const reused = await doctor.post(
      '/api/doctor/prescriptions',
      { ...body, items: [line(bisocard, { quantity: 3 })] },
      key,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const badKey = await doctor.post('/api/doctor/prescriptions', body, { 'Idempotency-Key': 'bad key' });
    expect(badKey.status).toBe(400);
    expect(await prescriptionsOf(patient.client)).toHaveLength(1);
  });
});
