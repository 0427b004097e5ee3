import { EventStreams } from '@pacjent/contracts';
import { FixedClock } from '@pacjent/platform';
import { connect, type NatsConnection } from 'nats';
import { ConsultationsEvents } from '../../services/consultations/src/events/consultations-events';
import { VisitOutcomesConsumer } from '../../services/booking/src/visit-outcomes/visit-outcomes.consumer';
import type { ApiClient } from '../support/http';
import { eventually, MINUTE, RecordScenario } from '../support/record';
import { startStack, type Stack } from '../support/stack';

describe('completing a visit through the gateway (consultations records, booking follows)', () => {
  let stack: Stack;
  let nats: NatsConnection;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    stack = await startStack({ consultationsClock: clock });
    scenario = new RecordScenario(stack);
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  });
  afterAll(async () => {
    await nats?.drain();
    await stack?.close();
  });

  let scenario: RecordScenario;
  const fullPatient = async () => (await scenario.fullPatient()).client;
  const demoDoctor = () => scenario.demoDoctor();
  const book = (patient: ApiClient, otherDoctor = false) => scenario.book(patient, otherDoctor);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => scenario.sql<T>(text, params);

  const outcome = {
    notes: 'Pacjent zgłasza ból gardła od 3 dni.',
    diagnoses: ['J02.9'],
    recommendations: 'Płukanie gardła, dużo płynów. Kontrola za tydzień.',
    referrals: [],
  };

  const appointmentStatus = async (patient: ApiClient, id: string): Promise<string> =>
    (await patient.get(`/api/appointments/${id}`)).body.status;

  const visitConsumer = () =>
    nats
      .jetstreamManager()
      .then((manager) =>
        manager.consumers.info(EventStreams.consultations, `${process.env.BUS_PREFIX}-booking-visit-outcomes`),
      );

  it('lets only the visit’s doctor complete it, from its start, once; booking then shows it completed', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() - MINUTE));

    const early = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('VISIT_NOT_STARTED');

    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));
    const patientTries = await patient.post(`/api/doctor/appointments/${visit.id}/complete`, outcome);
    expect(patientTries.status).toBe(403);
    const othersVisit = await book(await fullPatient(), true);
    clock.set(new Date(Math.max(visit.startsAt.getTime(), othersVisit.startsAt.getTime()) + 5 * MINUTE));
    const notMine = await doctor.post(`/api/doctor/appointments/${othersVisit.id}/complete`, outcome);
    expect(notMine.status).toBe(404);

    const key = { 'Idempotency-Key': `complete-${visit.id}` };
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome, key);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({
      id: visit.id,
      status: 'completed',
      notes: outcome.notes,
      recommendations: outcome.recommendations,
      diagnoses: [{ code: 'J02.9', name: 'Ostre zapalenie gardła, nieokreślone' }],
      doctor: { name: expect.stringContaining('Nowak') },
    });
    await eventually(async () => (await appointmentStatus(patient, visit.id)) === 'completed');

    const again = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('VISIT_ALREADY_COMPLETED');
    const repeated = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome, key);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(completed.body);
    const reused = await doctor.post(
      `/api/doctor/appointments/${visit.id}/complete`,
      { ...outcome, recommendations: 'Inne zalecenia' },
      key,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const noShowAfter = await doctor.post(`/api/doctor/appointments/${visit.id}/no-show`);
    expect(noShowAfter.status).toBe(409);
  });

  it('refuses unknown ICD-10 codes, control characters and oversized notes, storing nothing', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() + MINUTE));
    const unknown = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      ...outcome,
      diagnoses: ['X99.9'],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_DIAGNOSIS');
    const control = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      ...outcome,
      notes: 'a\u0000b',
    });
    expect(control.status).toBe(400);
    const large = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      ...outcome,
      notes: 'x'.repeat(10_001),
    });
    expect(large.status).toBe(400);
    expect(await sql(`SELECT 1 FROM "consultations"."visit_outcomes" WHERE appointment_id = $1`, [visit.id])).toEqual(
      [],
    );
    const search = await doctor.get('/api/doctor/icd10?q=gardla');
    expect(search.status).toBe(200);
    expect(search.body).toEqual(
      expect.arrayContaining([{ code: 'J02.9', name: 'Ostre zapalenie gardła, nieokreślone' }]),
    );
  });

  it('stores one outcome when the doctor’s tabs complete the visit at once', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() + MINUTE));
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409]);
    expect(
      answers
        .filter((answer) => answer.status === 409)
        .every((answer) => answer.body.code === 'VISIT_ALREADY_COMPLETED'),
    ).toBe(true);
    const events = await sql(`SELECT 1 FROM "consultations"."outbox" WHERE payload->>'appointmentId' = $1`, [visit.id]);
    expect(events).toHaveLength(1);
  });

  it('refuses a referral naming a service of another kind, storing nothing', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() + MINUTE));
    const [consultation] = await sql<{ id: string }>(
      `SELECT id FROM "booking"."services" WHERE kind = 'consultation' LIMIT 1`,
    );
    const wrong = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      ...outcome,
      referrals: [{ kind: 'rehabilitation', serviceId: consultation!.id, sessionsTotal: 5 }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    expect(await sql(`SELECT 1 FROM "consultations"."visit_outcomes" WHERE appointment_id = $1`, [visit.id])).toEqual(
      [],
    );
  });

  it('marks a no-show, and booking shows the visit as no_show', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() + 15 * MINUTE));
    const noShow = await doctor.post(`/api/doctor/appointments/${visit.id}/no-show`);
    expect(noShow.status).toBe(200);
    expect(noShow.body).toMatchObject({ id: visit.id, status: 'no_show' });
    await eventually(async () => (await appointmentStatus(patient, visit.id)) === 'no_show');
  });

  it('keeps the outcome and the event while booking cannot take it, and booking completes the visit once it is back', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() + 10 * MINUTE));

    // Booking's event side dies: nothing reads consultations' events any more.
    await stack.service('booking').get(VisitOutcomesConsumer).onApplicationShutdown();
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome);
    expect(completed.status).toBe(200);
    await eventually(async () => (await visitConsumer()).num_pending === 1);
    expect(await appointmentStatus(patient, visit.id)).toBe('booked');

    // Booking is redeployed: its durable consumer reads what waited.
    await stack.restart('booking');
    await eventually(async () => (await appointmentStatus(patient, visit.id)) === 'completed');
    await eventually(async () => {
      const info = await visitConsumer();
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect((await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome)).body.code).toBe(
      'VISIT_ALREADY_COMPLETED',
    );
  });

  it('publishes an outcome recorded just before consultations died once consultations is back', async () => {
    const patient = await fullPatient();
    const doctor = await demoDoctor();
    const visit = await book(patient);
    clock.set(new Date(visit.startsAt.getTime() + 10 * MINUTE));

    // Consultations loses its connection to JetStream right after committing: the event stays in its outbox.
    await stack.service('consultations').get(ConsultationsEvents).stop();
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, outcome);
    expect(completed.status).toBe(200);
    const waiting = await sql<{ published_at: Date | null }>(
      `SELECT published_at FROM "consultations"."outbox" WHERE payload->>'appointmentId' = $1`,
      [visit.id],
    );
    expect(waiting).toEqual([{ published_at: null }]);
    expect(await appointmentStatus(patient, visit.id)).toBe('booked');

    await stack.restart('consultations');
    await eventually(async () => (await appointmentStatus(patient, visit.id)) === 'completed');
    const published = await sql<{ published_at: Date | null }>(
      `SELECT published_at FROM "consultations"."outbox" WHERE payload->>'appointmentId' = $1`,
      [visit.id],
    );
    expect(published).toEqual([{ published_at: expect.any(Date) }]);
  });
});
