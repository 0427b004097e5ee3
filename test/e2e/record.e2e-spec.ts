import { Subjects, type PrescriptionView } from '@pacjent/contracts';
import { FixedClock } from '@pacjent/platform';
import { testBusClient } from '@pacjent/testing';
import { ApiClient, newPatient } from '../support/http';
import { findMedicine } from '../support/prescriptions';
import { DEMO_DOCTOR_ACCOUNT_ID, eventually, MINUTE, RecordScenario } from '../support/record';
import { startStack, type Stack } from '../support/stack';

describe('the treatment record through the gateway', () => {
  let stack: Stack;
  let scenario: RecordScenario;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    stack = await startStack({ consultationsClock: clock });
    scenario = new RecordScenario(stack);
  });
  afterAll(() => stack?.close());

  /** The demo doctor completes a fresh visit of `patient` with `body`; answers the visit's id. */
  async function completedVisit(patient: ApiClient, body: Record<string, unknown> = {}): Promise<string> {
    const doctor = await scenario.demoDoctor();
    const visit = await scenario.book(patient);
    clock.set(new Date(visit.startsAt.getTime() + 5 * MINUTE));
    const completed = await doctor.post(`/api/doctor/appointments/${visit.id}/complete`, {
      notes: 'Badanie fizykalne bez odchyleń.',
      diagnoses: ['M54.5'],
      recommendations: 'Rehabilitacja odcinka lędźwiowego.',
      referrals: [],
      ...body,
    });
    if (completed.status !== 200)
      throw new Error(`complete failed: ${completed.status} ${JSON.stringify(completed.body)}`);
    await eventually(async () => (await patient.get(`/api/appointments/${visit.id}`)).body.status === 'completed');
    return visit.id;
  }

  describe('referrals', () => {
    it('a rehabilitation referral from the doctor books a session, and cancelling gives it back', async () => {
      const { client: patient } = await scenario.fullPatient();
      const rehab = await scenario.freeSlot('rehabilitation', 'any');
      await completedVisit(patient, {
        referrals: [{ kind: 'rehabilitation', serviceId: rehab.serviceId, sessionsTotal: 3 }],
      });

      const issued = await patient.get('/api/referrals');
      expect(issued.status).toBe(200);
      expect(issued.body).toEqual([
        expect.objectContaining({
          kind: 'rehabilitation',
          service: { id: rehab.serviceId, name: expect.any(String) },
          doctor: { id: expect.any(String), name: expect.stringContaining('Nowak') },
          sessionsTotal: 3,
          sessionsUsed: 0,
          sessionsLeft: 3,
          status: 'active',
        }),
      ]);
      const referral = issued.body[0];
      const validDays = (Date.parse(referral.validUntil) - Date.parse(referral.issuedAt)) / (24 * 60 * MINUTE);
      expect(validDays).toBe(90);

      const withoutReferral = await patient.post('/api/appointments', { slotId: rehab.id });
      expect(withoutReferral.status).toBe(422);
      expect(withoutReferral.body.code).toBe('REFERRAL_REQUIRED');

      const booked = await patient.post('/api/appointments', { slotId: rehab.id, referralId: referral.id });
      expect(booked.status).toBe(201);
      expect((await patient.get('/api/referrals')).body[0]).toMatchObject({ sessionsUsed: 1, sessionsLeft: 2 });

      const cancelled = await patient.post(`/api/appointments/${booked.body.id}/cancel`);
      expect(cancelled.status).toBe(200);
      await eventually(async () => (await patient.get('/api/referrals')).body[0].sessionsLeft === 3);
    });

    it('shows nobody else’s referrals, and none to a basic account', async () => {
      const { client: patient } = await scenario.fullPatient();
      const rehab = await scenario.freeSlot('rehabilitation', 'any');
      await completedVisit(patient, { referrals: [{ kind: 'rehabilitation', serviceId: rehab.serviceId }] });
      const referralId = (await patient.get('/api/referrals')).body[0].id;

      const { client: stranger } = await scenario.fullPatient();
      expect((await stranger.get('/api/referrals')).body).toEqual([]);
      const stolen = await stranger.post('/api/appointments', { slotId: rehab.id, referralId });
      expect(stolen.status).toBe(422);
      expect(stolen.body.code).toBe('REFERRAL_REQUIRED');

      const basic = await scenario.basicPatient();
      const refused = await basic.get('/api/referrals');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('VERIFICATION_REQUIRED');
    });
  });
  describe('visits and questions', () => {
    it('the patient sees the completed visit with recommendations, diagnoses and referrals; nobody else does', async () => {
      const { client: patient } = await scenario.fullPatient();
      const rehab = await scenario.freeSlot('rehabilitation', 'any');
      const visitId = await completedVisit(patient, {
        diagnoses: ['M54.5', 'I10'],
        referrals: [{ kind: 'rehabilitation', serviceId: rehab.serviceId, sessionsTotal: 5 }],
      });

      const list = await patient.get('/api/record/visits');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, limit: 20, offset: 0 });
      expect(list.body.items[0]).toMatchObject({
        id: visitId,
        status: 'completed',
        channel: expect.any(String),
        service: { name: expect.any(String), kind: 'consultation' },
        doctor: { name: expect.stringContaining('Nowak') },
        recommendations: 'Rehabilitacja odcinka lędźwiowego.',
        diagnoses: [
          { code: 'M54.5', name: 'Ból okolicy lędźwiowo-krzyżowej kręgosłupa' },
          { code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' },
        ],
        referrals: [expect.objectContaining({ kind: 'rehabilitation', sessionsLeft: 5 })],
      });
      expect(list.body.items[0]).not.toHaveProperty('notes');
      expect((await patient.get(`/api/record/visits/${visitId}`)).body.id).toBe(visitId);

      const { client: stranger } = await scenario.fullPatient();
      expect((await stranger.get(`/api/record/visits/${visitId}`)).status).toBe(404);
      expect((await stranger.get('/api/record/visits')).body.items).toEqual([]);
      expect((await stranger.post(`/api/record/visits/${visitId}/questions`, { text: 'Cudze?' })).status).toBe(404);
      expect((await patient.get('/api/record/visits/not-a-uuid')).status).toBe(404);

      const basic = await scenario.basicPatient();
      const refused = await basic.get('/api/record/visits');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('VERIFICATION_REQUIRED');
    });

    it('a prescription issued at the visit carries the visit’s id, so the history shows it under that visit; nobody else sees it', async () => {
      const { client: patient, id: patientId } = await scenario.fullPatient();
      const visitId = await completedVisit(patient);
      const doctor = await scenario.demoDoctor();
      const medicineId = await findMedicine(doctor, 'bisocard', '5 mg');
      const issued = await doctor.post('/api/doctor/prescriptions', {
        patientId,
        appointmentId: visitId,
        items: [{ medicineId, dosage: '1 tabl. rano', quantity: 1, refundLevel: '100%' }],
      });
      expect(issued.status).toBe(201);

      const visits = await patient.get('/api/record/visits');
      expect(visits.headers.get('content-type')).toMatch(/^application\/json/);
      const prescriptions = (await patient.get('/api/prescriptions')).body as PrescriptionView[];
      const atVisit = prescriptions.filter((prescription) =>
        visits.body.items.some((visit: { id: string }) => visit.id === prescription.appointmentId),
      );
      expect(atVisit).toEqual([
        expect.objectContaining({ id: issued.body.id, appointmentId: visitId, status: 'active' }),
      ]);
      expect(atVisit[0]!.items[0]).toMatchObject({
        medicine: { name: 'Bisocard', strength: '5 mg' },
        dosage: '1 tabl. rano',
      });

      const { client: stranger } = await scenario.fullPatient();
      expect((await stranger.get('/api/prescriptions')).body).toEqual([]);
      expect((await stranger.get(`/api/prescriptions/${issued.body.id}`)).status).toBe(404);
      // The page rendered by PostgreSQL keeps the gateway's input checks.
      expect((await patient.get('/api/record/visits?limit=101')).status).toBe(400);
      expect((await patient.get('/api/record/visits?kind=x%00')).status).toBe(400);
    });

    it('the patient asks, the doctor sees it among open questions and answers, the patient reads the answer', async () => {
      const { client: patient } = await scenario.fullPatient();
      const visitId = await completedVisit(patient);
      const doctor = await scenario.demoDoctor();

      const asked = await patient.post(`/api/record/visits/${visitId}/questions`, {
        text: 'Ile razy dziennie ćwiczyć?',
      });
      expect(asked.status).toBe(201);
      const open = await doctor.get('/api/doctor/questions?status=open');
      expect(open.status).toBe(200);
      expect(open.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: asked.body.id, text: 'Ile razy dziennie ćwiczyć?' })]),
      );
      const answer = await doctor.post(`/api/doctor/questions/${asked.body.id}/answer`, { text: 'Dwa razy dziennie.' });
      expect(answer.status).toBe(200);

      const mine = await patient.get('/api/questions');
      expect(mine.body).toEqual([
        expect.objectContaining({ id: asked.body.id, status: 'answered', answer: 'Dwa razy dziennie.' }),
      ]);
      const visit = await patient.get(`/api/record/visits/${visitId}`);
      expect(visit.body.questions).toEqual([expect.objectContaining({ answer: 'Dwa razy dziennie.' })]);

      expect((await patient.get('/api/doctor/questions')).status).toBe(403);
      expect((await patient.post(`/api/doctor/questions/${asked.body.id}/answer`, { text: 'x' })).status).toBe(403);
    });

    it('closes questions 14 days after completion with 422 QUESTION_WINDOW_CLOSED', async () => {
      const { client: patient } = await scenario.fullPatient();
      const visitId = await completedVisit(patient);
      clock.advance(14 * 24 * 60 * MINUTE);
      const late = await patient.post(`/api/record/visits/${visitId}/questions`, { text: 'Spóźnione pytanie' });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('QUESTION_WINDOW_CLOSED');
    });
  });
  describe('the doctor’s views', () => {
    /** A valid PESEL of someone born on 15 May 1990 (serial from `n`). */
    function pesel(n: number): string {
      const digits = `900515${String(n % 10_000).padStart(4, '0')}`;
      const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
      const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
      return `${digits}${(10 - (sum % 10)) % 10}`;
    }

    const warsawDay = (instant: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(instant);

    it('"Mój dzień" lists the doctor’s visits of a Warsaw day with the patient’s name and age', async () => {
      const patient = await newPatient(stack.baseUrl, {
        pesel: pesel(Date.now()),
        firstName: 'Ewa',
        lastName: 'Dzienna',
      });
      const visit = await scenario.book(patient.client);
      const doctor = await scenario.demoDoctor();
      const day = await doctor.get(`/api/doctor/appointments?date=${warsawDay(visit.startsAt)}`);
      expect(day.status).toBe(200);
      const mine = day.body.find((item: { id: string }) => item.id === visit.id);
      const ageNow =
        new Date(visit.startsAt).getUTCFullYear() - 1990 - (warsawDay(visit.startsAt).slice(5) < '05-15' ? 1 : 0);
      expect(mine).toMatchObject({
        startsAt: visit.startsAt.toISOString(),
        status: 'booked',
        channel: expect.any(String),
        service: { name: expect.any(String) },
        patient: { id: patient.id, name: 'Ewa Dzienna', age: ageNow },
      });
      const times = day.body.map((item: { startsAt: string }) => item.startsAt);
      expect(times).toEqual([...times].sort());

      expect((await doctor.get('/api/doctor/appointments?date=2026-13-01')).status).toBe(400);
      expect((await patient.client.get(`/api/doctor/appointments?date=${warsawDay(visit.startsAt)}`)).status).toBe(403);
    });

    it('identity names only patients the asking doctor has a relation with, and only to doctors', async () => {
      const related = await scenario.fullPatient();
      await scenario.book(related.client);
      const { id: unrelatedId } = await scenario.fullPatient();
      const bus = await testBusClient();
      try {
        const doctorActor = { id: DEMO_DOCTOR_ACCOUNT_ID, roles: ['doctor' as const], level: 'full' as const };
        const names = await bus.request<Array<{ id: string }>>(Subjects.identity.doctorPatientSummaries, {
          actor: doctorActor,
          data: { patientIds: [related.id, unrelatedId] },
        });
        expect(names.map((name) => name.id)).toEqual([related.id]);
        await expect(
          bus.request(Subjects.identity.doctorPatientSummaries, {
            actor: { id: related.id, roles: ['patient'], level: 'full' },
            data: { patientIds: [related.id] },
          }),
        ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      } finally {
        await bus.onApplicationShutdown();
      }
    });

    it('reads a related patient’s record (logged in the patient’s access history) and nobody else’s', async () => {
      const { client: patient, id: patientId } = await scenario.fullPatient();
      const visitId = await completedVisit(patient);
      const doctor = await scenario.demoDoctor();

      const record = await doctor.get(`/api/doctor/patients/${patientId}/record`);
      expect(record.status).toBe(200);
      expect(record.body.visits).toEqual([
        expect.objectContaining({ id: visitId, notes: 'Badanie fizykalne bez odchyleń.', patientId }),
      ]);
      const history = await patient.get('/api/identity/access-history');
      expect(history.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'record.viewed', actor: { kind: 'doctor', name: expect.any(String) } }),
        ]),
      );

      const { id: strangerId } = await scenario.fullPatient();
      expect((await doctor.get(`/api/doctor/patients/${strangerId}/record`)).status).toBe(404);
      expect((await patient.get(`/api/doctor/patients/${patientId}/record`)).status).toBe(403);
    });
  });
  it('the demo patient has a populated record: a dozen visits, two active referrals, an answered question', async () => {
    const patient = new ApiClient(stack.baseUrl);
    const login = await patient.post('/api/auth/login', { email: 'patient@demo.test', password: 'Patient#Demo2026' });
    expect(login.status).toBe(200);
    patient.accessToken = login.body.accessToken;
    await eventually(async () => (await patient.get('/api/record/visits')).body.total === 12);

    const visits = (await patient.get('/api/record/visits?limit=100')).body.items;
    expect(visits[0]).toMatchObject({
      doctor: { name: 'lek. Anna Nowak' },
      service: { name: 'Konsultacja internistyczna' },
      diagnoses: [{ code: 'M54.5', name: 'Ból okolicy lędźwiowo-krzyżowej kręgosłupa' }],
      recommendations: expect.stringContaining('Fizjoterapia'),
      questions: [expect.objectContaining({ status: 'answered', answer: expect.any(String) })],
    });
    expect(
      visits.every(
        (visit: { recommendations: string; diagnoses: unknown[] }) =>
          visit.recommendations && visit.diagnoses.length > 0,
      ),
    ).toBe(true);
    const referrals = (await patient.get('/api/referrals')).body;
    expect(referrals).toHaveLength(2);
    expect(referrals.every((referral: { status: string }) => referral.status === 'active')).toBe(true);
    expect(referrals).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'rehabilitation', sessionsLeft: expect.any(Number) })]),
    );
    expect(
      referrals.find((referral: { kind: string }) => referral.kind === 'rehabilitation').sessionsLeft,
    ).toBeGreaterThan(0);
  });
});
