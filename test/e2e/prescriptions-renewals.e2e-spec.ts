import { ageOn, type DoctorRenewalView, type PrescriptionView, type RenewalRequestView } from '@pacjent/contracts';
import { newPatient, type ApiClient } from '../support/http';
import { fullPatient, patientPrescribed, prescribingStack, signIn, sql } from '../support/prescriptions';
import type { Stack } from '../support/stack';

/** The ten digits with their PESEL check digit. */
const validPesel = (digits: string): string => {
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${digits}${(10 - (sum % 10)) % 10}`;
};

describe('renewal requests through the gateway', () => {
  let stack: Stack;
  let doctor: ApiClient;
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ stack, doctor, ids } = await prescribingStack({
      Bisocard: ['bisocard', '5 mg'],
      Euthyrox: ['euthyrox', '50 µg'],
      Atoris: ['atoris', '20 mg'],
      Metformax: ['metformax', '850 mg'],
      Xanax: ['xanax', '0,5 mg'],
    }));
  });
  afterAll(() => stack?.close());

  const patientWith = (names: string[]) =>
    patientPrescribed(
      stack,
      doctor,
      names.map((name) => ids[name]!),
    );

  const ask = (patient: ApiClient, names: string[], note?: string) =>
    patient.post('/api/prescriptions/renewals', { medicineIds: names.map((name) => ids[name]), note });

  it('patient asks, the doctor sees it in the queue and approves: the patient gets a new code', async () => {
    const patient = await patientWith(['Bisocard', 'Euthyrox']);
    const asked = await ask(patient.client, ['Bisocard'], 'Proszę o receptę na 3 miesiące');
    expect(asked.status).toBe(201);
    const request = asked.body as RenewalRequestView;
    expect(request).toMatchObject({ status: 'pending', doctorId: '00000000-0000-4000-8000-000000000d0c' });

    const queue = await doctor.get('/api/doctor/renewals?status=pending');
    expect(queue.status).toBe(200);
    const queued = (queue.body as DoctorRenewalView[]).find((r) => r.id === request.id)!;
    expect(queued.note).toBe('Proszę o receptę na 3 miesiące');
    expect(queued.patientMedicines.map((m) => m.medicine.name).sort()).toEqual(['Bisocard', 'Euthyrox N']);
    expect(typeof queued.waitingSeconds).toBe('number');

    const approved = await doctor.post(`/api/doctor/renewals/${request.id}/approve`, {
      items: [{ medicineId: ids.Bisocard, dosage: '1/2 tabl. rano', quantity: 3 }],
    });
    expect(approved.status).toBe(200);
    const prescription = approved.body as PrescriptionView;
    expect(prescription.items[0]).toMatchObject({ dosage: '1/2 tabl. rano', quantity: 3, refundLevel: '50%' });

    const mine = await patient.client.get('/api/prescriptions/renewals');
    expect(mine.body[0]).toMatchObject({ id: request.id, status: 'approved', prescriptionId: prescription.id });
    const shown = await patient.client.get(`/api/prescriptions/${prescription.id}`);
    expect(shown.body.accessCode).toBe(prescription.accessCode);
  });

  it('shows the doctor who asks: name, age, PESEL, and the last visit with this doctor', async () => {
    const patient = await patientWith(['Atoris']);
    // Born 20 June 1988; the visit booked with the demo doctor took place three days ago.
    const pesel = validPesel(`880620${String(Date.now() % 10_000).padStart(4, '0')}`);
    await sql(stack, `UPDATE "identity"."accounts" SET pesel = $2 WHERE id = $1`, [patient.id, pesel]);
    const [visit] = await sql<{ id: string; starts_at: Date }>(
      stack,
      `UPDATE "booking"."appointments" SET starts_at = now() - interval '3 days',
              ends_at = now() - interval '3 days' + interval '20 minutes'
        WHERE patient_id = $1 RETURNING id, starts_at`,
      [patient.id],
    );
    const request = (await ask(patient.client, ['Atoris'])).body as RenewalRequestView;
    const queue = (await doctor.get('/api/doctor/renewals?status=pending')).body as DoctorRenewalView[];
    const queued = queue.find((r) => r.id === request.id)!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    expect(queued.patient).toEqual({ name: 'Jan Testowy', age: ageOn('1988-06-20', today), pesel });
    expect(queued.lastVisit).toMatchObject({
      startsAt: visit!.starts_at.toISOString(),
      service: { name: expect.any(String) },
    });

    // A patient whose only visit is still ahead: named, no last visit.
    const ahead = await patientWith(['Bisocard']);
    const next = (await ask(ahead.client, ['Bisocard'])).body as RenewalRequestView;
    const queuedAhead = ((await doctor.get('/api/doctor/renewals?status=pending')).body as DoctorRenewalView[]).find(
      (r) => r.id === next.id,
    )!;
    expect(queuedAhead).toMatchObject({ patient: { name: 'Jan Testowy', age: null, pesel: null }, lastVisit: null });
  });

  it('answers 409 for a second pending request of a medicine, 422 for a controlled one, 404 for another patient’s', async () => {
    const patient = await patientWith(['Atoris', 'Xanax']);
    expect((await ask(patient.client, ['Atoris'])).status).toBe(201);
    const again = await ask(patient.client, ['Atoris']);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RENEWAL_ALREADY_PENDING');
    const controlled = await ask(patient.client, ['Xanax']);
    expect(controlled.status).toBe(422);
    expect(controlled.body.code).toBe('RENEWAL_NOT_ALLOWED');
    const other = await fullPatient(stack);
    expect((await ask(other.client, ['Atoris'])).status).toBe(404);
  });

  it('takes 3 requests a day: of 4 at once, one gets 429', async () => {
    const patient = await patientWith(['Bisocard', 'Euthyrox', 'Atoris', 'Metformax']);
    const answers = await Promise.all(
      ['Bisocard', 'Euthyrox', 'Atoris', 'Metformax'].map((name) => ask(patient.client, [name])),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 429]);
    expect(answers.find((a) => a.status === 429)!.body.code).toBe('RENEWAL_LIMIT_REACHED');
  });

  it('is decided once: 50 approvals at once make one prescription and 49 answers 409', async () => {
    const patient = await patientWith(['Metformax']);
    const request = (await ask(patient.client, ['Metformax'])).body as RenewalRequestView;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => doctor.post(`/api/doctor/renewals/${request.id}/approve`, {})),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const conflicts = answers.filter((a) => a.status === 409);
    expect(conflicts).toHaveLength(49);
    expect(conflicts.every((a) => a.body.code === 'RENEWAL_ALREADY_DECIDED')).toBe(true);
    const prescriptions = (await patient.client.get('/api/prescriptions')).body as PrescriptionView[];
    expect(prescriptions.filter((p) => p.renewalRequestId === request.id)).toHaveLength(1);
  });

  it('declines only with a reason, which the patient reads', async () => {
    const patient = await patientWith(['Euthyrox']);
    const request = (await ask(patient.client, ['Euthyrox'])).body as RenewalRequestView;
    const decline = (body: unknown) => doctor.post(`/api/doctor/renewals/${request.id}/decline`, body);
    expect((await decline({})).status).toBe(400);
    expect((await decline({ reason: '' })).status).toBe(400);
    expect((await decline({ reason: 'a\u0000b' })).status).toBe(400);
    expect((await decline({ reason: 'x'.repeat(501) })).status).toBe(400);
    expect((await decline({ reason: 'Proszę umówić wizytę kontrolną' })).status).toBe(200);
    expect((await decline({ reason: 'Jeszcze raz' })).status).toBe(409);
    const [mine] = (await patient.client.get('/api/prescriptions/renewals')).body as RenewalRequestView[];
    expect(mine).toMatchObject({ status: 'declined', declineReason: 'Proszę umówić wizytę kontrolną' });
  });

  it('keeps patients off the doctor’s queue (403), basic accounts off renewals (403), bad ids as 404', async () => {
    const patient = await patientWith(['Bisocard']);
    expect((await patient.client.get('/api/doctor/renewals')).status).toBe(403);
    expect(
      (await patient.client.post('/api/doctor/renewals/00000000-0000-4000-8000-000000000000/approve', {})).status,
    ).toBe(403);
    const basic = await newPatient(stack.baseUrl);
    const refused = await basic.client.post('/api/prescriptions/renewals', { medicineIds: [ids.Bisocard] });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('VERIFICATION_REQUIRED');
    expect((await doctor.post('/api/doctor/renewals/nope/approve', {})).status).toBe(404);
    expect((await ask(patient.client, ['Bisocard'], 'x'.repeat(501))).status).toBe(400);
    expect((await ask(patient.client, ['Bisocard'], 'Dzień\u001bdobry')).status).toBe(400);
  });

  it('gives the demo patient medicines to renew from the demo doctor', async () => {
    const demo = await signIn(stack, 'patient@demo.test', 'Patient#Demo2026');
    const medicines = (await demo.get('/api/medicines')).body as Array<{
      medicine: { id: string; name: string };
      status: string;
      renewable: boolean;
    }>;
    expect(medicines.filter((m) => m.status === 'expired').map((m) => m.medicine.name)).toEqual(
      expect.arrayContaining(['Euthyrox N', 'Bisocard']),
    );
    expect(medicines.some((m) => m.status === 'active')).toBe(true);
    const euthyrox = medicines.find((m) => m.medicine.name === 'Euthyrox N')!;
    expect(euthyrox.renewable).toBe(true);
    const asked = await demo.post('/api/prescriptions/renewals', { medicineIds: [euthyrox.medicine.id] });
    expect(asked.status).toBe(201);
    const queue = (await doctor.get('/api/doctor/renewals')).body as DoctorRenewalView[];
    expect(queue.find((r) => r.id === asked.body.id)?.patientId).toBe('00000000-0000-4000-8000-00000000a71e');
  });
});
