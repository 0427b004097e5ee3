import type { RenewalRequestView } from '@pacjent/contracts';
import { ApiClient, newPatient } from '../support/http';
import {
  bookWithDemoDoctor,
  DEMO_DOCTOR_ACCOUNT_ID,
  demoDoctor,
  findMedicine,
  fullPatient,
  sql,
} from '../support/prescriptions';
import { startStack, type Stack } from '../support/stack';

/** Renewals when the prescribing doctor no longer works here: the pool of their specialty (ADR 0017). */
describe('a renewal request for a doctor who is gone', () => {
  let stack: Stack;
  let demo: ApiClient;
  let bisocard: string;

  beforeAll(async () => {
    stack = await startStack();
    demo = await demoDoctor(stack);
    bisocard = await findMedicine(demo, 'bisocard', '5 mg');
  });
  afterAll(() => stack?.close());

  /** A doctor account signed in as the booking doctor `doctorName` (staff gave it a login). */
  async function doctorAccount(doctorName: string): Promise<ApiClient> {
    const person = await newPatient(stack.baseUrl);
    await sql(stack, `UPDATE "identity"."accounts" SET roles = '{doctor}', level = 'full' WHERE id = $1`, [person.id]);
    const linked = await sql(stack, `UPDATE "booking"."doctors" SET account_id = $1 WHERE name = $2 RETURNING id`, [
      person.id,
      doctorName,
    ]);
    expect(linked).toHaveLength(1);
    const client = new ApiClient(stack.baseUrl);
    client.accessToken = (
      await client.post('/api/auth/login', { email: person.email, password: person.password })
    ).body.accessToken;
    return client;
  }

  it('stays with a working doctor, and goes to the pool of the gone doctor’s specialty, which only that specialty takes', async () => {
    const [internist, cardiologist] = await Promise.all(
      ['Internista', 'Kardiolog'].map(async (specialty) => {
        const [row] = await sql<{ name: string }>(
          stack,
          `SELECT name FROM "booking"."doctors" WHERE $1 = ANY(specialties) AND account_id IS NULL ORDER BY name LIMIT 1`,
          [specialty],
        );
        return row!.name;
      }),
    );
    const otherInternist = await doctorAccount(internist!);
    const otherCardiologist = await doctorAccount(cardiologist!);

    const prescribedBy = async () => {
      const patient = await fullPatient(stack);
      await bookWithDemoDoctor(stack, patient.client);
      const issued = await demo.post('/api/doctor/prescriptions', {
        patientId: patient.id,
        items: [{ medicineId: bisocard, dosage: '1 tabl. rano', quantity: 1, refundLevel: '30%' }],
      });
      expect(issued.status).toBe(201);
      return patient;
    };
    const ask = async (patient: { client: ApiClient }) => {
      const asked = await patient.client.post('/api/prescriptions/renewals', { medicineIds: [bisocard] });
      expect(asked.status).toBe(201);
      return asked.body as RenewalRequestView;
    };
    const queueOf = async (doctor: ApiClient) =>
      ((await doctor.get('/api/doctor/renewals?status=pending')).body as RenewalRequestView[]).map((r) => r.id);

    // While the demo doctor works here (schedules, slots ahead), the request is theirs alone.
    const early = await ask(await prescribedBy());
    expect(early.doctorId).toBe(DEMO_DOCTOR_ACCOUNT_ID);
    expect(await queueOf(otherInternist)).not.toContain(early.id);

    // The demo doctor leaves: no schedule, no slot ahead.
    const patient = await prescribedBy();
    await sql(
      stack,
      `DELETE FROM "booking"."schedule_templates" WHERE doctor_id = (SELECT id FROM "booking"."doctors" WHERE account_id = $1)`,
      [DEMO_DOCTOR_ACCOUNT_ID],
    );
    await sql(
      stack,
      `UPDATE "booking"."slots" SET withdrawn_at = now()
        WHERE doctor_id = (SELECT id FROM "booking"."doctors" WHERE account_id = $1) AND starts_at >= now()`,
      [DEMO_DOCTOR_ACCOUNT_ID],
    );
    const pooled = await ask(patient);
    expect(pooled.doctorId).toBeNull();
    expect(await queueOf(otherInternist)).toContain(pooled.id);
    expect(await queueOf(otherCardiologist)).not.toContain(pooled.id);
    // The request made while the demo doctor worked stays addressed to them.
    expect(await queueOf(otherInternist)).not.toContain(early.id);

    const refused = await otherCardiologist.post(`/api/doctor/renewals/${pooled.id}/approve`, {});
    expect(refused.status).toBe(404);
    const approved = await otherInternist.post(`/api/doctor/renewals/${pooled.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.items[0].medicine.name).toBe('Bisocard');
    const mine = (await patient.client.get('/api/prescriptions/renewals')).body as RenewalRequestView[];
    expect(mine[0]).toMatchObject({ id: pooled.id, status: 'approved', prescriptionId: approved.body.id });
  });
});
