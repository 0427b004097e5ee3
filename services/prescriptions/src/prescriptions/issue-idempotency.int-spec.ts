import { ErrorCode, Subjects, type Actor, type PrescriptionView } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';
import {
  fullPatient,
  newDoctor,
  startPrescriptions,
  type PrescriptionsTestKit,
} from '../testing/prescriptions-test-kit';

const { issue, listPrescriptions } = Subjects.prescriptions;

describe('issuing under an Idempotency-Key', () => {
  let kit: PrescriptionsTestKit;
  const doctor = newDoctor();
  let bisocard: string;

  const relatedPatient = (by: Actor = doctor): Actor => {
    const patient = fullPatient();
    kit.relations.relate(by, patient);
    return patient;
  };
  const body = (patient: Actor, dosage = '1 tabl. rano') => ({
    patientId: patient.id,
    items: [{ medicineId: bisocard, dosage, quantity: 1, refundLevel: '30%' }],
  });
  const send = (by: Actor, data: unknown, idempotencyKey?: string) =>
    kit.bus.request<PrescriptionView>(issue, { actor: by, data, idempotencyKey });

  beforeAll(async () => {
    kit = await startPrescriptions();
    bisocard = await kit.medicineId('Bisocard', '5 mg');
  });
  afterAll(() => kit.close());

  it('answers a repeat with the prescription it issued, and refuses the key with another body', async () => {
    const patient = relatedPatient();
    const key = randomUUID();
    const first = await send(doctor, body(patient), key);
    await expect(send(doctor, body(patient), key)).resolves.toEqual(first);
    await expect(send(doctor, body(patient, '2 tabl. rano'), key)).rejects.toMatchObject({
      code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
    });
    // Without a key every request is a new prescription; another doctor's same key is theirs.
    const other = newDoctor();
    kit.relations.relate(other, patient);
    const others = await send(other, body(patient), key);
    expect(others.id).not.toBe(first.id);
    await send(doctor, body(patient));
    expect(await kit.request<PrescriptionView[]>(listPrescriptions, patient)).toHaveLength(3);
  });

  it('issues one prescription when 30 identical requests arrive at once', async () => {
    const patient = relatedPatient();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 30 }, () => send(doctor, body(patient), key)));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(new Set(answers.map((answer) => answer.accessCode)).size).toBe(1);
    expect(await kit.request<PrescriptionView[]>(listPrescriptions, patient)).toHaveLength(1);
  });

  it('still refuses a stranger patient under a key (the key reveals nothing)', async () => {
    const stranger = fullPatient();
    await expect(send(doctor, body(stranger), randomUUID())).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
