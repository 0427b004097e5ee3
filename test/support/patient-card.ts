import { Client } from 'pg';
import { newPatient, openInPersonConsultation } from './http';
import type { Stack } from './stack';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);

/** What the console's patient card should show of the patient made by patientWithVisitAndFile. */
export const CARD_FILE = { name: 'hiv-wynik.png', description: 'Wynik badania krwi — poufne', size: PNG.length };

/**
 * A full patient (the level set in the database, as files.e2e-spec does) with
 * one booked in-person visit and one uploaded PNG: what the console's patient
 * card lists.
 */
export async function patientWithVisitAndFile(stack: Stack) {
  const patient = await newPatient(stack.baseUrl, { firstName: 'Karolina', lastName: 'Kartowa' });
  const db = new Client({ connectionString: stack.database.url });
  await db.connect();
  try {
    await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
  } finally {
    await db.end();
  }
  const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  patient.client.accessToken = login.body.accessToken;

  const service = await openInPersonConsultation(stack.baseUrl);
  const [slot] = (await patient.client.get(`/api/slots?serviceId=${service.id}&channel=in_person&limit=1`))
    .body as Array<{ id: string }>;
  const booked = await patient.client.post('/api/appointments', { slotId: slot!.id });
  if (booked.status !== 201) throw new Error(`booking failed: ${booked.status} ${JSON.stringify(booked.body)}`);

  const form = new FormData();
  form.append('description', CARD_FILE.description);
  form.append('consent', 'true');
  form.append('file', new Blob([PNG], { type: 'image/png' }), CARD_FILE.name);
  const uploaded = await fetch(`${stack.baseUrl}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${patient.client.accessToken}` },
    body: form,
  });
  if (uploaded.status !== 201) throw new Error(`upload failed: ${uploaded.status} ${await uploaded.text()}`);
  const file = (await uploaded.json()) as { id: string };
  return { ...patient, appointmentId: booked.body.id as string, fileId: file.id, serviceName: service.name };
}
