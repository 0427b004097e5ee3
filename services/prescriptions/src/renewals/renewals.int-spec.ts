import {
  ErrorCode,
  Subjects,
  type Actor,
  type DoctorRenewalView,
  type PatientMedicineView,
  type PrescriptionView,
  type RenewalRequestView,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import {
  DAY,
  fullPatient,
  newDoctor,
  startPrescriptions,
  TEST_NOW,
  type PrescriptionsTestKit,
} from '../testing/prescriptions-test-kit';

const {
  issue,
  requestRenewal,
  listRenewals,
  doctorListRenewals,
  approveRenewal,
  declineRenewal,
  listMedicines,
  listPrescriptions,
} = Subjects.prescriptions;

describe('renewal requests', () => {
  let kit: PrescriptionsTestKit;
  const doctor = newDoctor();
  const ids: Record<string, string> = {};

  /** A patient with prescriptions of these products from `by` (a visit relation), 40 days ago: all expired. */
  const patientWith = async (names: string[], by: Actor = doctor): Promise<Actor> => {
    const patient = fullPatient();
    kit.relations.relate(by, patient);
    kit.clock.set(new Date(TEST_NOW.getTime() - 40 * DAY));
    await kit.request(issue, by, {
      patientId: patient.id,
      items: names.map((name) => ({
        medicineId: ids[name],
        dosage: `${name}: 1 tabl. rano`,
        quantity: 2,
        refundLevel: 'R',
        noSubstitution: name === 'Euthyrox',
      })),
    });
    kit.clock.set(TEST_NOW);
    return patient;
  };

  const ask = (patient: Actor, names: string[], note?: string) =>
    kit.request<RenewalRequestView>(requestRenewal, patient, {
      medicineIds: names.map((name) => ids[name]),
      ...(note !== undefined ? { note } : {}),
    });
  const askFailure = (patient: Actor, names: string[], note?: string) =>
    kit.failure(requestRenewal, patient, {
      medicineIds: names.map((name) => ids[name]),
      ...(note !== undefined ? { note } : {}),
    });
  const queue = (by: Actor = doctor) => kit.request<DoctorRenewalView[]>(doctorListRenewals, by, { status: 'pending' });

  beforeAll(async () => {
    kit = await startPrescriptions();
    ids.Bisocard = await kit.medicineId('Bisocard', '5 mg');
    ids.Euthyrox = await kit.medicineId('Euthyrox N', '50 µg');
    ids.Atoris = await kit.medicineId('Atoris', '20 mg');
    ids.Metformax = await kit.medicineId('Metformax', '850 mg');
    ids.Polocard = await kit.medicineId('Polocard', '75 mg');
    ids.Xanax = await kit.medicineId('Xanax', '0,5 mg');
    ids.Amoksiklav = await kit.medicineId('Amoksiklav', '875 mg + 125 mg');
  });
  afterEach(() => kit.clock.set(TEST_NOW));
  afterAll(() => kit.close());

  it('goes to the doctor who last prescribed; approval makes a prescription repeating it, with changes', async () => {
    const patient = await patientWith(['Bisocard', 'Euthyrox']);
    const request = await ask(patient, ['Bisocard', 'Euthyrox'], '  Kończą mi się tabletki.  ');
    expect(request).toMatchObject({ doctorId: doctor.id, status: 'pending', note: 'Kończą mi się tabletki.' });
    expect(request.medicines.map((m) => m.name)).toEqual(['Bisocard', 'Euthyrox N']);

    kit.clock.set(new Date(TEST_NOW.getTime() + 2 * 3600 * 1000));
    const [queued] = (await queue()).filter((r) => r.id === request.id);
    expect(queued!.waitingSeconds).toBe(7200);
    expect(queued!.patientMedicines.map((m) => [m.medicine.name, m.status, m.renewalPending])).toEqual([
      ['Bisocard', 'expired', true],
      ['Euthyrox N', 'expired', true],
    ]);
    expect(await queue(newDoctor())).toEqual([]);

    const prescription = await kit.request<PrescriptionView>(approveRenewal, doctor, {
      id: request.id,
      validDays: 90,
      items: [
        { medicineId: ids.Bisocard, dosage: '1/2 tabl. rano', quantity: 3, supplyDays: 90 },
        { medicineId: ids.Euthyrox, supplyDays: 90 },
      ],
    });
    expect(prescription).toMatchObject({
      patientId: patient.id,
      doctorId: doctor.id,
      renewalRequestId: request.id,
      validDays: 90,
      status: 'active',
    });
    expect(
      prescription.items.map((i) => [i.medicine.name, i.dosage, i.quantity, i.refundLevel, i.noSubstitution]),
    ).toEqual([
      ['Bisocard', '1/2 tabl. rano', 3, 'R', false],
      ['Euthyrox N', 'Euthyrox: 1 tabl. rano', 2, 'R', true],
    ]);
    const [mine] = await kit.request<RenewalRequestView[]>(listRenewals, patient);
    expect(mine).toMatchObject({ id: request.id, status: 'approved', prescriptionId: prescription.id });
    const medicines = await kit.request<PatientMedicineView[]>(listMedicines, patient);
    expect(medicines.map((m) => [m.status, m.renewable])).toEqual([
      ['active', true],
      ['active', true],
    ]);
    expect((await kit.request<PrescriptionView[]>(listPrescriptions, patient))[0]!.accessCode).toBe(
      prescription.accessCode,
    );
  });

  it('allows one pending request per medicine (409) and another once it is decided', async () => {
    const patient = await patientWith(['Bisocard', 'Atoris']);
    const first = await ask(patient, ['Bisocard']);
    await expect(askFailure(patient, ['Atoris', 'Bisocard'])).resolves.toMatchObject({
      code: ErrorCode.RENEWAL_ALREADY_PENDING,
    });
    await ask(patient, ['Atoris']);
    await kit.request(declineRenewal, doctor, { id: first.id, reason: 'Proszę umówić wizytę kontrolną' });
    await expect(ask(patient, ['Bisocard'])).resolves.toMatchObject({ status: 'pending' });
  });

  it('keeps one pending request per medicine when 10 arrive at once', async () => {
    const patient = await patientWith(['Metformax']);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        ask(patient, ['Metformax']).then(
          () => 'created',
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === ErrorCode.RENEWAL_ALREADY_PENDING)).toHaveLength(9);
  });

  it('takes at most 3 requests a day per patient, also when they race, and 3 more the next day', async () => {
    const names = ['Bisocard', 'Euthyrox', 'Atoris', 'Metformax', 'Polocard'];
    const patient = await patientWith(names);
    const outcomes = await Promise.all(
      names.map((name) =>
        ask(patient, [name]).then(
          () => 'created',
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(3);
    expect(outcomes.filter((o) => o === ErrorCode.RENEWAL_LIMIT_REACHED)).toHaveLength(2);
    expect(await kit.request<RenewalRequestView[]>(listRenewals, patient)).toHaveLength(3);

    // The next Warsaw day starts at 23:00 UTC in winter.
    kit.clock.set(new Date('2026-03-03T23:00:00Z'));
    const refused = names.filter((_, index) => outcomes[index] !== 'created');
    await expect(ask(patient, [refused[0]!])).resolves.toMatchObject({ status: 'pending' });
  });

  it('does not renew controlled substances online, nor medicines the patient was not prescribed', async () => {
    const patient = await patientWith(['Xanax', 'Bisocard']);
    await expect(askFailure(patient, ['Xanax', 'Bisocard'])).resolves.toMatchObject({
      code: ErrorCode.RENEWAL_NOT_ALLOWED,
    });
    await expect(askFailure(patient, ['Atoris'])).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(askFailure(fullPatient(), ['Bisocard'])).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    const medicines = await kit.request<PatientMedicineView[]>(listMedicines, patient);
    expect(medicines.find((m) => m.medicine.name === 'Xanax')).toMatchObject({ renewable: false });
  });

  it('goes to the pool when the medicines came from different doctors; any doctor may decide it', async () => {
    const other = newDoctor();
    const patient = await patientWith(['Bisocard']);
    kit.relations.relate(other, patient);
    kit.clock.set(new Date(TEST_NOW.getTime() - 20 * DAY));
    await kit.request(issue, other, {
      patientId: patient.id,
      items: [{ medicineId: ids.Atoris, dosage: '1 tabl. wieczorem', quantity: 1, refundLevel: '30%' }],
    });
    kit.clock.set(TEST_NOW);
    const request = await ask(patient, ['Bisocard', 'Atoris']);
    expect(request.doctorId).toBeNull();
    const third = newDoctor();
    expect((await queue(third)).map((r) => r.id)).toContain(request.id);
    await expect(kit.request(approveRenewal, third, { id: request.id })).resolves.toMatchObject({
      doctorId: third.id,
      validDays: 30,
    });
  });

  it('is decided exactly once: 50 concurrent approvals make one prescription, the rest 409', async () => {
    const patient = await patientWith(['Polocard']);
    const request = await ask(patient, ['Polocard']);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        kit.request<PrescriptionView>(approveRenewal, doctor, { id: request.id }).then(
          (p) => p.id,
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === ErrorCode.RENEWAL_ALREADY_DECIDED)).toHaveLength(49);
    const [{ count }] = await kit.dataSource.query(
      `SELECT count(*)::int AS count FROM "prescriptions"."prescriptions" WHERE renewal_request_id = $1`,
      [request.id],
    );
    expect(count).toBe(1);
    await expect(kit.failure(declineRenewal, doctor, { id: request.id, reason: 'Za późno' })).resolves.toMatchObject({
      code: ErrorCode.RENEWAL_ALREADY_DECIDED,
    });
  });

  it('declines with a required reason the patient reads', async () => {
    const patient = await patientWith(['Euthyrox']);
    const request = await ask(patient, ['Euthyrox']);
    for (const reason of ['', '   ', 'x'.repeat(501), 'Proszę\u0000', undefined]) {
      await expect(kit.failure(declineRenewal, doctor, { id: request.id, reason })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
    }
    await kit.request(declineRenewal, doctor, {
      id: request.id,
      reason: 'Proszę umówić wizytę kontrolną.\nTSH do zrobienia.',
    });
    const [mine] = await kit.request<RenewalRequestView[]>(listRenewals, patient);
    expect(mine).toMatchObject({
      status: 'declined',
      declineReason: 'Proszę umówić wizytę kontrolną.\nTSH do zrobienia.',
      prescriptionId: null,
    });
    await expect(kit.failure(approveRenewal, doctor, { id: request.id })).resolves.toMatchObject({
      code: ErrorCode.RENEWAL_ALREADY_DECIDED,
    });
  });

  it('hides requests from doctors they are not addressed to, and from other patients', async () => {
    const patient = await patientWith(['Atoris']);
    const request = await ask(patient, ['Atoris']);
    await expect(kit.failure(approveRenewal, newDoctor(), { id: request.id })).resolves.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(kit.failure(declineRenewal, newDoctor(), { id: request.id, reason: 'Nie' })).resolves.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(kit.failure(approveRenewal, doctor, { id: randomUUID() })).resolves.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(kit.failure(approveRenewal, patient, { id: request.id })).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    expect(await kit.request(listRenewals, fullPatient())).toEqual([]);
    await expect(kit.failure(listRenewals, newActor({ level: 'basic' }))).resolves.toMatchObject({
      code: ErrorCode.VERIFICATION_REQUIRED,
    });
  });

  it('validates the request: 1–5 distinct medicines, a note of at most 500 characters without control characters', async () => {
    const patient = await patientWith(['Bisocard']);
    for (const body of [
      { medicineIds: [] },
      { medicineIds: [ids.Bisocard, ids.Bisocard] },
      { medicineIds: Array.from({ length: 6 }, () => randomUUID()) },
      { medicineIds: ['nope'] },
      { medicineIds: [ids.Bisocard], note: 'x'.repeat(501) },
      { medicineIds: [ids.Bisocard], note: 'Dzień dobry\u0007' },
      { medicineIds: [ids.Bisocard], patientId: randomUUID() },
    ]) {
      await expect(kit.failure(requestRenewal, patient, body)).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
    }
    await expect(ask(patient, ['Bisocard'], 'ż'.repeat(500))).resolves.toMatchObject({ status: 'pending' });
  });

  it('counts a request addressed to a doctor as a relation: they may prescribe without a visit', async () => {
    const prescriber = newDoctor();
    const patient = await patientWith(['Bisocard'], prescriber);
    kit.relations.forget(prescriber, patient);
    const body = {
      patientId: patient.id,
      items: [{ medicineId: ids.Atoris, dosage: '1 tabl.', quantity: 1, refundLevel: '100%' }],
    };
    await expect(kit.failure(issue, prescriber, body)).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await ask(patient, ['Bisocard']);
    await expect(kit.request(issue, prescriber, body)).resolves.toMatchObject({ doctorId: prescriber.id });
    await expect(kit.failure(issue, newDoctor(), body)).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
