import {
  ErrorCode,
  Subjects,
  type Actor,
  type PatientMedicineView,
  type PrescriptionItemDto,
  type PrescriptionView,
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

const { issue, listPrescriptions, getPrescription, listMedicines } = Subjects.prescriptions;

describe('issuing prescriptions and the patient reading them', () => {
  let kit: PrescriptionsTestKit;
  const doctor = newDoctor();
  let bisocard: string;
  let euthyrox: string;
  let amoksiklav: string;
  let xanax: string;

  const item = (medicineId: string, overrides: Partial<PrescriptionItemDto> = {}): PrescriptionItemDto => ({
    medicineId,
    dosage: '1 tabl. rano',
    quantity: 2,
    refundLevel: '30%',
    ...overrides,
  });

  /** A full patient the doctor has a visit with. */
  const relatedPatient = (): Actor => {
    const patient = fullPatient();
    kit.relations.relate(doctor, patient);
    return patient;
  };

  const prescribe = (patient: Actor, body: Record<string, unknown>, by: Actor = doctor) =>
    kit.request<PrescriptionView>(issue, by, { patientId: patient.id, ...body });

  beforeAll(async () => {
    kit = await startPrescriptions();
    bisocard = await kit.medicineId('Bisocard', '5 mg');
    euthyrox = await kit.medicineId('Euthyrox N', '50 µg');
    amoksiklav = await kit.medicineId('Amoksiklav', '875 mg + 125 mg');
    xanax = await kit.medicineId('Xanax', '0,5 mg');
  });
  afterEach(() => kit.clock.set(TEST_NOW));
  afterAll(() => kit.close());

  it('issues a package with a 4-digit code, a key and 30 days of validity, and the patient reads it', async () => {
    const patient = relatedPatient();
    const appointmentId = randomUUID();
    const issued = await prescribe(patient, {
      appointmentId,
      items: [
        item(bisocard, { noSubstitution: true }),
        item(euthyrox, { dosage: '1 tabl. na czczo', refundLevel: 'R' }),
      ],
    });
    expect(issued).toMatchObject({
      patientId: patient.id,
      doctorId: doctor.id,
      appointmentId,
      status: 'active',
      validFrom: '2026-03-03',
      validDays: 30,
      validUntil: '2026-04-01',
    });
    expect(issued.accessCode).toMatch(/^\d{4}$/);
    expect(issued.items.map((i) => [i.medicine.name, i.dosage, i.refundLevel, i.noSubstitution])).toEqual([
      ['Bisocard', '1 tabl. rano', '30%', true],
      ['Euthyrox N', '1 tabl. na czczo', 'R', false],
    ]);

    await expect(kit.request(getPrescription, patient, { id: issued.id })).resolves.toEqual(issued);
    await expect(kit.request(listPrescriptions, patient)).resolves.toEqual([issued]);
    const other = relatedPatient();
    await expect(kit.failure(getPrescription, other, { id: issued.id })).resolves.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(kit.request(listPrescriptions, other)).resolves.toEqual([]);
  });

  it('gives every package its own key and codes spread over 0000–9999', async () => {
    const patient = relatedPatient();
    const issued = await Promise.all(Array.from({ length: 20 }, () => prescribe(patient, { items: [item(bisocard)] })));
    expect(new Set(issued.map((p) => p.key)).size).toBe(20);
    expect(new Set(issued.map((p) => p.accessCode)).size).toBeGreaterThan(10);
  });

  it('makes an antibiotic valid 7 days and refuses more; chronic up to 365 days with the supply stated', async () => {
    const patient = relatedPatient();
    const antibiotic = await prescribe(patient, { items: [item(amoksiklav, { dosage: '1 tabl. co 12 h' })] });
    expect(antibiotic).toMatchObject({ validDays: 7, validUntil: '2026-03-09' });
    await expect(
      kit.failure(issue, doctor, { patientId: patient.id, validDays: 8, items: [item(amoksiklav)] }),
    ).resolves.toMatchObject({ code: ErrorCode.PRESCRIPTION_VALIDITY_INVALID });

    const chronic = await prescribe(patient, {
      validDays: 365,
      items: [item(bisocard, { quantity: 6, supplyDays: 360 })],
    });
    expect(chronic).toMatchObject({ validDays: 365, validUntil: '2027-03-02' });
    expect(chronic.items[0]!.supplyDays).toBe(360);
    for (const body of [
      { validDays: 365, items: [item(bisocard, { quantity: 6 })] },
      { validDays: 366, items: [item(bisocard, { supplyDays: 360 })] },
      { validDays: 0, items: [item(bisocard)] },
      { validDays: 60, items: [item(xanax, { supplyDays: 60 })] },
      { validFrom: '2026-03-02', items: [item(bisocard)] },
    ]) {
      await expect(kit.failure(issue, doctor, { patientId: patient.id, ...body })).resolves.toMatchObject({
        code: ErrorCode.PRESCRIPTION_VALIDITY_INVALID,
      });
    }
    const later = await prescribe(patient, { validFrom: '2026-03-20', items: [item(bisocard)] });
    expect(later).toMatchObject({ validFrom: '2026-03-20', validUntil: '2026-04-18', status: 'active' });
  });

  it('is for doctors only, and only for patients related to them (else the patient does not exist)', async () => {
    const stranger = fullPatient();
    await expect(
      kit.failure(issue, doctor, { patientId: stranger.id, items: [item(bisocard)] }),
    ).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    const patient = relatedPatient();
    await expect(
      kit.failure(issue, newDoctor(), { patientId: patient.id, items: [item(bisocard)] }),
    ).resolves.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(
      kit.failure(issue, patient, { patientId: patient.id, items: [item(bisocard)] }),
    ).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    expect(await kit.request(listPrescriptions, patient)).toEqual([]);
  });

  it('validates items: 1 to 5, known medicines once each, dosage one line of at most 200 characters', async () => {
    const patient = relatedPatient();
    const five = [bisocard, euthyrox, amoksiklav, xanax, await kit.medicineId('Atoris', '20 mg')];
    const invalid = [
      { items: [] },
      { items: [...five, await kit.medicineId('Polocard', '75 mg')].map((id) => item(id)) },
      { items: [item(bisocard), item(bisocard)] },
      { items: [item(randomUUID())] },
      { items: [item(bisocard, { dosage: '1 tabl.\u0000' })] },
      { items: [item(bisocard, { dosage: '1 tabl.\nrano' })] },
      { items: [item(bisocard, { dosage: 'x'.repeat(201) })] },
      { items: [item(bisocard, { dosage: '' })] },
      { items: [item(bisocard, { quantity: 0 })] },
      { items: [item(bisocard, { quantity: 31 })] },
      { items: [item(bisocard, { refundLevel: '40%' as never })] },
      { items: [item(bisocard)], appointmentId: 'not-a-uuid' },
      { items: [item(bisocard)], pesel: '85041203465' },
      { items: [item(bisocard)], validFrom: '2026-02-30' },
      { items: [item(bisocard)], validFrom: '2026-03-03T10:00:00Z' },
      { items: [item(bisocard)], validDays: 1.5 },
    ];
    for (const body of invalid) {
      await expect(kit.failure(issue, doctor, { patientId: patient.id, ...body })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
    }
    const longest = await prescribe(patient, { items: [item(bisocard, { dosage: 'ż'.repeat(200) })] });
    expect(longest.items[0]!.dosage).toHaveLength(200);
    await expect(prescribe(patient, { items: five.map((id) => item(id)) })).resolves.toMatchObject({ validDays: 7 });
  });

  it('lists my medicines of the last 12 months, one row per product, current treatment first', async () => {
    const patient = relatedPatient();
    kit.clock.set(new Date(TEST_NOW.getTime() - 400 * DAY));
    await prescribe(patient, { items: [item(await kit.medicineId('Polocard', '75 mg'))] });
    kit.clock.set(new Date(TEST_NOW.getTime() - 100 * DAY));
    const old = await prescribe(patient, { items: [item(bisocard, { dosage: '1 tabl. rano' }), item(euthyrox)] });
    kit.clock.set(new Date(TEST_NOW.getTime() - 40 * DAY));
    const newer = await prescribe(patient, { items: [item(bisocard, { dosage: '2 tabl. rano' })] });
    kit.clock.set(new Date(TEST_NOW.getTime() - 2 * DAY));
    const current = await prescribe(patient, { items: [item(xanax, { dosage: '1/2 tabl. wieczorem' })] });
    kit.clock.set(TEST_NOW);

    const medicines = await kit.request<PatientMedicineView[]>(listMedicines, patient);
    expect(medicines.map((m) => [m.medicine.name, m.lastDosage, m.status, m.lastPrescriptionId, m.renewable])).toEqual([
      ['Xanax', '1/2 tabl. wieczorem', 'active', current.id, false],
      ['Bisocard', '2 tabl. rano', 'expired', newer.id, true],
      ['Euthyrox N', '1 tabl. rano', 'expired', old.id, true],
    ]);
    expect(medicines[1]!.lastPrescribedAt).toBe(new Date(TEST_NOW.getTime() - 40 * DAY).toISOString());
    expect(await kit.request(listMedicines, relatedPatient())).toEqual([]);
  });

  it('shows a dispensed prescription as dispensed', async () => {
    const patient = relatedPatient();
    const issued = await prescribe(patient, { items: [item(bisocard)] });
    await kit.dataSource.query(`UPDATE "prescriptions"."prescriptions" SET dispensed_at = $2 WHERE id = $1`, [
      issued.id,
      TEST_NOW,
    ]);
    await expect(kit.request(getPrescription, patient, { id: issued.id })).resolves.toMatchObject({
      status: 'dispensed',
    });
  });

  it('shows prescriptions and medicines to full patient accounts only', async () => {
    const basic = newActor({ level: 'basic' });
    for (const subject of [listPrescriptions, listMedicines]) {
      await expect(kit.failure(subject, basic)).resolves.toMatchObject({ code: ErrorCode.VERIFICATION_REQUIRED });
      await expect(kit.failure(subject, doctor)).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
      await expect(kit.failure(subject, null)).resolves.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    }
    await expect(kit.failure(getPrescription, fullPatient(), { id: 'x' })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });
});
