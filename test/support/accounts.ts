import { Client } from 'pg';
import { ApiClient, newPatient } from './http';
import type { Stack } from './stack';

/** Booking's demo doctor's identity account (doctor@demo.test, "lek. Anna Nowak"). */
export const DEMO_DOCTOR_ACCOUNT_ID = '00000000-0000-4000-8000-000000000d0c';

/** One query against this test's database, on a connection of its own. */
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
