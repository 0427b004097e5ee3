import { Client } from 'pg';
import { ApiClient, newPatient } from './http';
import type { Stack } from './stack';

/** Booking's demo doctor's identity account (doctor@demo.test, lek. Anna Nowak). */
export const DEMO_DOCTOR_ACCOUNT_ID = '00000000-0000-4000-8000-000000000d0c';
export const MINUTE = 60_000;

/** Polls until `check` answers true, failing after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Helpers for the treatment-record e2e tests: people, bookings and a look into the database. */
export class RecordScenario {
  constructor(private readonly stack: Stack) {}

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: this.stack.database.url });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  /** A patient with a full account (confirmed as staff would; logged in again for a token with the level). */
  async fullPatient(): Promise<{ client: ApiClient; id: string }> {
    const patient = await newPatient(this.stack.baseUrl);
    await this.sql(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    patient.client.accessToken = login.body.accessToken;
    return { client: patient.client, id: patient.id };
  }

  async basicPatient(): Promise<ApiClient> {
    return (await newPatient(this.stack.baseUrl)).client;
  }

  async demoDoctor(): Promise<ApiClient> {
    const client = new ApiClient(this.stack.baseUrl);
    const login = await client.post('/api/auth/login', { email: 'doctor@demo.test', password: 'Doctor#Demo2026' });
    if (login.status !== 200) throw new Error(`doctor login failed: ${login.status}`);
    client.accessToken = login.body.accessToken;
    return client;
  }

  /**
   * The next free slot of a service kind: of the demo doctor, or (`otherDoctor`)
   * of a doctor without that account.
   */
  async freeSlot(
    kind: 'consultation' | 'rehabilitation',
    doctor: 'demo' | 'other' | 'any',
  ): Promise<{ id: string; startsAt: Date; serviceId: string }> {
    const doctorRule =
      doctor === 'any' ? 'TRUE' : `d.account_id IS ${doctor === 'other' ? 'DISTINCT FROM' : 'NOT DISTINCT FROM'} $1`;
    const [slot] = await this.sql<{ id: string; starts_at: Date; service_id: string }>(
      `SELECT s.id, s.starts_at, s.service_id FROM "booking"."slots" s
         JOIN "booking"."doctors" d ON d.id = s.doctor_id
         JOIN "booking"."services" sv ON sv.id = s.service_id
        WHERE ${doctorRule} AND $1::uuid IS NOT NULL
          AND sv.kind = $2 AND (sv.basic_allowed OR $2 <> 'consultation') AND s.withdrawn_at IS NULL
          AND s.starts_at > now() + interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id AND a.status = 'booked')
        ORDER BY s.starts_at LIMIT 1`,
      [DEMO_DOCTOR_ACCOUNT_ID, kind],
    );
    if (!slot) throw new Error(`no free ${kind} slot`);
    return { id: slot.id, startsAt: slot.starts_at, serviceId: slot.service_id };
  }

  /** Books the next free consultation of the demo doctor (or another doctor) for the patient. */
  async book(patient: ApiClient, otherDoctor = false): Promise<{ id: string; startsAt: Date }> {
    const slot = await this.freeSlot('consultation', otherDoctor ? 'other' : 'demo');
    const booked = await patient.post('/api/appointments', { slotId: slot.id });
    if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);
    return { id: booked.body.id, startsAt: slot.startsAt };
  }
}
