import type { ApiClient } from './http';
import { DEMO_DOCTOR_ACCOUNT_ID, demoDoctor, fullPatient, sql } from './accounts';
import { startStack, type Stack } from './stack';

// The accounts every prescriptions spec starts from; kept importable from here for those specs.
export { DEMO_DOCTOR_ACCOUNT_ID, demoDoctor, fullPatient, signIn, sql } from './accounts';

/** Books the demo doctor's next free in-person slot for the patient: a visit relation. Answers the appointment id. */
export async function bookWithDemoDoctor(stack: Stack, patient: ApiClient): Promise<string> {
  const [slot] = await sql<{ id: string }>(
    stack,
    `SELECT s.id FROM "booking"."slots" s JOIN "booking"."doctors" d ON d.id = s.doctor_id
      WHERE d.account_id = $1 AND s.starts_at > now() + interval '1 hour' AND s.starts_at < now() + interval '6 days'
        AND s.withdrawn_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id AND a.status = 'booked')
      ORDER BY s.starts_at LIMIT 1`,
    [DEMO_DOCTOR_ACCOUNT_ID],
  );
  if (!slot) throw new Error('the demo doctor has no free slot in the next 6 days');
  const booked = await patient.post('/api/appointments', { slotId: slot.id });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
  return booked.body.id;
}

/** A catalog product's id, as the doctor finds it by search. */
export async function findMedicine(doctor: ApiClient, q: string, strength: string): Promise<string> {
  const found = await doctor.get(`/api/catalog/medicines?q=${encodeURIComponent(q)}&limit=50`);
  const medicine = (found.body as Array<{ id: string; strength: string }>).find((m) => m.strength === strength);
  if (!medicine) throw new Error(`no ${q} ${strength}: ${JSON.stringify(found.body)}`);
  return medicine.id;
}

/** A full patient with a visit with the demo doctor, who prescribed them these medicines (catalog ids). */
export async function patientPrescribed(
  stack: Stack,
  doctor: ApiClient,
  medicineIds: string[],
): Promise<{ client: ApiClient; id: string }> {
  const patient = await fullPatient(stack);
  await bookWithDemoDoctor(stack, patient.client);
  const issued = await doctor.post('/api/doctor/prescriptions', {
    patientId: patient.id,
    items: medicineIds.map((medicineId) => ({ medicineId, dosage: '1 tabl. rano', quantity: 1, refundLevel: '50%' })),
  });
  if (issued.status !== 201) throw new Error(`prescribing failed: ${issued.status} ${JSON.stringify(issued.body)}`);
  return patient;
}

/**
 * A whole portal with the demo doctor signed in and the catalog ids of the
 * medicines a spec prescribes (`wanted`: its name → [search text, strength]).
 */
export async function prescribingStack(
  wanted: Record<string, [string, string]>,
): Promise<{ stack: Stack; doctor: ApiClient; ids: Record<string, string> }> {
  const stack = await startStack();
  try {
    const doctor = await demoDoctor(stack);
    const ids: Record<string, string> = {};
    for (const [name, [q, strength]] of Object.entries(wanted)) ids[name] = await findMedicine(doctor, q, strength);
    return { stack, doctor, ids };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
