import { Client } from 'pg';
import { ApiClient, newPatient } from './http';
import type { Stack } from './stack';

/** Booking's demo doctor's identity account (doctor@demo.test, "lek. Anna Nowak"). */
export const DEMO_DOCTOR_ACCOUNT_ID = '00000000-0000-4000-8000-000000000d0c';

export async function sql<T = Record<string, unknown>>(
  stack: Stack,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const db = new Client({ connectionString: stack.database.url });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/** Signs an account in; the client carries its token. */
export async function signIn(stack: Stack, email: string, password: string): Promise<ApiClient> {
  const client = new ApiClient(stack.baseUrl);
  const login = await client.post('/api/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status}`);
  client.accessToken = login.body.accessToken;
  return client;
}

export const demoDoctor = (stack: Stack) => signIn(stack, 'doctor@demo.test', 'Doctor#Demo2026');

/**
 * A new patient with a full account (confirmed the way staff would, by
 * setting the level in this test's database) and a fresh token carrying it.
 */
export async function fullPatient(stack: Stack): Promise<{ client: ApiClient; id: string }> {
  const patient = await newPatient(stack.baseUrl);
  await sql(stack, `UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
  return { client: await signIn(stack, patient.email, patient.password), id: patient.id };
}

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
