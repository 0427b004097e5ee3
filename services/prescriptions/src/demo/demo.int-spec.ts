import { Subjects, type PatientMedicineView, type PrescriptionView, type RenewalRequestView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { startPrescriptions, type PrescriptionsTestKit } from '../testing/prescriptions-test-kit';
import { DEMO_DOCTOR_ID, DEMO_PATIENT_ID } from './demo-prescriptions';
import { DemoSeeder } from './demo.seeder';

describe('demo prescriptions (SEED_DEMO_DATA=true)', () => {
  let kit: PrescriptionsTestKit;
  const patient = newActor({ id: DEMO_PATIENT_ID, level: 'full' });

  beforeAll(async () => {
    kit = await startPrescriptions({ SEED_DEMO_DATA: 'true' });
  });
  afterAll(() => kit.close());

  it('gives the demo patient expired, active and dispensed prescriptions from the demo doctor, once', async () => {
    const prescriptions = await kit.request<PrescriptionView[]>(Subjects.prescriptions.listPrescriptions, patient);
    expect(prescriptions.map((p) => [p.status, p.doctorId])).toEqual([
      ['active', DEMO_DOCTOR_ID],
      ['expired', DEMO_DOCTOR_ID],
      ['dispensed', DEMO_DOCTOR_ID],
    ]);
    await expect(kit.service.get(DemoSeeder).seed()).resolves.toBe(0);
    expect(await kit.request<PrescriptionView[]>(Subjects.prescriptions.listPrescriptions, patient)).toHaveLength(3);
  });

  it('leaves "Zamów e-Receptę" something to renew, addressed to the demo doctor', async () => {
    const medicines = await kit.request<PatientMedicineView[]>(Subjects.prescriptions.listMedicines, patient);
    expect(medicines.map((m) => [m.medicine.name, m.status, m.renewable])).toEqual([
      ['Atoris', 'active', true],
      ['Metformax', 'active', true],
      ['Bisocard', 'expired', true],
      ['Euthyrox N', 'expired', true],
      ['Amoksiklav', 'dispensed', true],
    ]);
    const euthyrox = medicines.find((m) => m.medicine.name === 'Euthyrox N')!;
    const request = await kit.request<RenewalRequestView>(Subjects.prescriptions.requestRenewal, patient, {
      medicineIds: [euthyrox.medicine.id],
    });
    expect(request).toMatchObject({ doctorId: DEMO_DOCTOR_ID, status: 'pending' });
  });
});
