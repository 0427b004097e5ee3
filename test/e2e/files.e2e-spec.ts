import { MAX_FILE_BYTES } from '@pacjent/contracts';
import * as accounts from '../support/accounts';
import { type ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);

interface Upload {
  file?: { bytes: Buffer; name: string; type?: string };
  description?: string;
  consent?: string;
}

describe('files through the gateway', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const fullPatient = async (): Promise<ApiClient> => (await accounts.fullPatient(stack)).client;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    accounts.sql<T>(stack, text, params);
  const demoDoctor = () => accounts.demoDoctor(stack);

  /** Books a free future slot of the demo doctor on `channel` for the patient; returns the appointment id. */
  async function bookWithDemoDoctor(patient: ApiClient, channel: 'phone' | 'in_person'): Promise<string> {
    const [slot] = await sql<{ id: string }>(
      `SELECT s.id FROM "booking"."slots" s JOIN "booking"."doctors" d ON d.id = s.doctor_id
        WHERE d.account_id = $1 AND s.channel = $2 AND s.starts_at > now() + interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id AND a.status = 'booked')
        ORDER BY s.starts_at LIMIT 1`,
      [accounts.DEMO_DOCTOR_ACCOUNT_ID, channel],
    );
    const booked = await patient.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);
    return booked.body.id;
  }

  async function upload(client: ApiClient, input: Upload = {}) {
    const form = new FormData();
    const description = input.description ?? 'Wynik badania krwi';
    if (description !== '') form.append('description', description);
    if (input.consent !== '') form.append('consent', input.consent ?? 'true');
    const file = input.file ?? { bytes: PNG, name: 'skan.png', type: 'image/png' };
    form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
    const response = await fetch(`${stack.baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.accessToken}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const object of stack.s3.storage.list('')) keys.push(object.key);
    return keys.sort();
  };

  it('stores a PNG and answers 201 with the file', async () => {
    const client = await fullPatient();
    const before = Date.now();
    const response = await upload(client, { file: { bytes: PNG, name: 'C:\\skany\\płuca.png', type: 'image/png' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'płuca.png',
      description: 'Wynik badania krwi',
      contentType: 'image/png',
      size: PNG.length,
      uploadedAt: expect.any(String),
      expiresAt: expect.any(String),
      appointmentIds: [],
    });
    const uploadedAt = new Date(response.body.uploadedAt);
    expect(uploadedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const expiresAt = new Date(response.body.expiresAt);
    const months =
      (expiresAt.getUTCFullYear() - uploadedAt.getUTCFullYear()) * 12 +
      expiresAt.getUTCMonth() -
      uploadedAt.getUTCMonth();
    expect(months).toBe(3);
  });

  it('accepts exactly 8,388,608 bytes and refuses 8,388,609 with 413 FILE_TOO_LARGE, leaving nothing stored', async () => {
    const client = await fullPatient();
    const exact = Buffer.alloc(MAX_FILE_BYTES, 0);
    PDF.copy(exact);
    const ok = await upload(client, { file: { bytes: exact, name: 'duzy.pdf', type: 'application/pdf' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ size: 8_388_608, contentType: 'application/pdf' });

    const keys = await objectKeys();
    const over = Buffer.alloc(MAX_FILE_BYTES + 1, 0);
    PDF.copy(over);
    const tooLarge = await upload(client, { file: { bytes: over, name: 'za-duzy.pdf', type: 'application/pdf' } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');
    expect(tooLarge.body).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE' });
    expect(await objectKeys()).toEqual(keys);
    expect((await client.get('/api/files')).body).toHaveLength(1);
  });

  it('decides the type by the bytes: a PNG named .pdf is a PNG; text named .jpg is 415', async () => {
    const client = await fullPatient();
    const renamed = await upload(client, { file: { bytes: PNG, name: 'wynik.pdf', type: 'application/pdf' } });
    expect(renamed.status).toBe(201);
    expect(renamed.body).toMatchObject({ name: 'wynik.pdf', contentType: 'image/png' });

    const keys = await objectKeys();
    const text = await upload(client, {
      file: { bytes: Buffer.from('to nie jest zdjęcie'), name: 'zdjecie.jpg', type: 'image/jpeg' },
    });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE_TYPE' });
    const empty = await upload(client, { file: { bytes: Buffer.alloc(0), name: 'pusty.png', type: 'image/png' } });
    expect(empty.status).toBe(415);
    expect(await objectKeys()).toEqual(keys);
  });

  it('refuses a sixth file with 409 FILE_LIMIT_REACHED', async () => {
    const client = await fullPatient();
    for (let i = 0; i < 5; i++)
      expect((await upload(client, { file: { bytes: JPEG, name: `${i}.jpg` } })).status).toBe(201);
    const keys = await objectKeys();
    const sixth = await upload(client);
    expect(sixth.status).toBe(409);
    expect(sixth.body).toMatchObject({ code: 'FILE_LIMIT_REACHED' });
    expect(await objectKeys()).toEqual(keys);
  });

  it('lets exactly one of ten parallel uploads through when four files are there', async () => {
    const client = await fullPatient();
    for (let i = 0; i < 4; i++) expect((await upload(client)).status).toBe(201);
    const keys = await objectKeys();
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => upload(client)))).map((r) => r.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    expect((await client.get('/api/files')).body).toHaveLength(5);
    expect((await objectKeys()).length).toBe(keys.length + 1);
  });

  it('refuses a description of 4 or 76 characters and a missing consent with 400', async () => {
    const client = await fullPatient();
    for (const input of [
      { description: 'abcd' },
      { description: 'x'.repeat(76) },
      { consent: '' },
      { consent: 'false' },
      { description: '' },
    ]) {
      const response = await upload(client, input);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await upload(client, { description: 'abcde' })).status).toBe(201);
    expect((await upload(client, { description: 'x'.repeat(75) })).status).toBe(201);
    expect((await client.get('/api/files')).body).toHaveLength(2);
  });

  it('answers 400 to a body it cannot take: two files, no file, extra fields, not multipart', async () => {
    const client = await fullPatient();
    const send = async (form: FormData) => {
      const response = await fetch(`${stack.baseUrl}/api/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.accessToken}` },
        body: form,
      });
      return { status: response.status, body: (await response.json()) as { code: string } };
    };
    const fields = () => {
      const form = new FormData();
      form.append('description', 'Wynik badania krwi');
      form.append('consent', 'true');
      return form;
    };
    const twoFiles = fields();
    twoFiles.append('file', new Blob([PNG]), 'a.png');
    twoFiles.append('file', new Blob([PNG]), 'b.png');
    const noFile = fields();
    const extra = fields();
    extra.append('patientId', 'someone-else');
    extra.append('file', new Blob([PNG]), 'a.png');
    for (const form of [twoFiles, noFile, extra]) {
      const response = await send(form);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const json = await client.post('/api/files', { description: 'Wynik badania krwi', consent: true });
    expect(json.status).toBe(400);
    expect((await client.get('/api/files')).body).toEqual([]);
  });

  it('answers 403 VERIFICATION_REQUIRED to a basic account and 401 without a token', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const response = await upload(client);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'VERIFICATION_REQUIRED' });
    expect((await client.get('/api/files')).body).toMatchObject({ status: 403, code: 'VERIFICATION_REQUIRED' });
    expect((await client.get('/api/files', null)).status).toBe(401);
  });

  it('lists newest first and downloads with safe headers', async () => {
    const client = await fullPatient();
    const first = (
      await upload(client, { description: 'Pierwszy dokument', file: { bytes: PDF, name: 'skierowanie żółć.pdf' } })
    ).body;
    const second = (await upload(client, { description: 'Drugi dokument' })).body;
    const list = await client.get('/api/files');
    expect(list.status).toBe(200);
    expect(list.body.map((file: { id: string }) => file.id)).toEqual([second.id, first.id]);

    const response = await fetch(`${stack.baseUrl}/api/files/${first.id}/content`, {
      headers: { authorization: `Bearer ${client.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="skierowanie ____.pdf"; filename\*=UTF-8''skierowanie%20%C5%BC%C3%B3%C5%82%C4%87.pdf$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('hides another patient’s file: 404 on content and delete; the owner deletes with 204', async () => {
    const owner = await fullPatient();
    const stranger = await fullPatient();
    const file = (await upload(owner)).body;
    const keys = await objectKeys();

    expect((await stranger.get(`/api/files/${file.id}/content`)).status).toBe(404);
    const strangerDelete = await stranger.call('DELETE', `/api/files/${file.id}`);
    expect(strangerDelete.status).toBe(404);
    expect(strangerDelete.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await owner.get('/api/files/not-a-uuid/content')).status).toBe(404);
    expect(await objectKeys()).toEqual(keys);

    expect((await owner.call('DELETE', `/api/files/${file.id}`)).status).toBe(204);
    expect((await owner.get('/api/files')).body).toEqual([]);
    expect((await owner.get(`/api/files/${file.id}/content`)).status).toBe(404);
    expect((await objectKeys()).length).toBe(keys.length - 1);
  });

  it('lets the phone consultation’s doctor list and download attached files, logged for the patient; others get 404', async () => {
    const patient = await fullPatient();
    const file = (
      await upload(patient, { description: 'Zdjęcie zmiany skórnej', file: { bytes: PDF, name: 'zmiana.pdf' } })
    ).body;
    const other = (await upload(patient, { description: 'Nie dla lekarza' })).body;
    const phoneVisit = await bookWithDemoDoctor(patient, 'phone');
    const inPersonVisit = await bookWithDemoDoctor(patient, 'in_person');

    // Only the patient's own upcoming phone consultation takes attachments.
    const wrongChannel = await patient.post(`/api/files/${file.id}/attachments`, { appointmentId: inPersonVisit });
    expect(wrongChannel.status).toBe(400);
    const stranger = await fullPatient();
    expect((await stranger.post(`/api/files/${file.id}/attachments`, { appointmentId: phoneVisit })).status).toBe(404);
    const strangersFile = (await upload(stranger)).body;
    expect(
      (await stranger.post(`/api/files/${strangersFile.id}/attachments`, { appointmentId: phoneVisit })).status,
    ).toBe(404);

    expect((await patient.post(`/api/files/${file.id}/attachments`, { appointmentId: phoneVisit })).status).toBe(204);
    const mine = (await patient.get('/api/files')).body as Array<{ id: string; appointmentIds: string[] }>;
    expect(mine.find((f) => f.id === file.id)!.appointmentIds).toEqual([phoneVisit]);
    expect(mine.find((f) => f.id === other.id)!.appointmentIds).toEqual([]);

    const doctor = await demoDoctor();
    const listed = await doctor.get(`/api/doctor/appointments/${phoneVisit}/files`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: file.id, name: 'zmiana.pdf', description: 'Zdjęcie zmiany skórnej' }),
    ]);
    const download = await fetch(`${stack.baseUrl}/api/doctor/appointments/${phoneVisit}/files/${file.id}/content`, {
      headers: { authorization: `Bearer ${doctor.accessToken}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await doctor.get(`/api/doctor/appointments/${phoneVisit}/files/${other.id}/content`)).status).toBe(404);

    // Another doctor (an account with the doctor role that is not this visit's doctor) sees nothing.
    const otherDoctor = await newPatient(stack.baseUrl);
    await sql(`UPDATE "identity"."accounts" SET roles = '{doctor}' WHERE id = $1`, [otherDoctor.id]);
    const relogin = await otherDoctor.client.post('/api/auth/login', {
      email: otherDoctor.email,
      password: otherDoctor.password,
    });
    otherDoctor.client.accessToken = relogin.body.accessToken;
    expect((await otherDoctor.client.get(`/api/doctor/appointments/${phoneVisit}/files`)).status).toBe(404);
    expect(
      (await otherDoctor.client.get(`/api/doctor/appointments/${phoneVisit}/files/${file.id}/content`)).status,
    ).toBe(404);
    expect((await patient.get(`/api/doctor/appointments/${phoneVisit}/files`)).status).toBe(403);

    const log = await patient.get('/api/files/access-log');
    expect(log.status).toBe(200);
    expect(log.body).toEqual([
      expect.objectContaining({
        fileId: file.id,
        fileName: 'zmiana.pdf',
        appointmentId: phoneVisit,
        action: 'download',
      }),
      expect.objectContaining({ fileId: file.id, appointmentId: phoneVisit, action: 'list' }),
    ]);

    // Detached, the doctor no longer sees it.
    expect((await patient.call('DELETE', `/api/files/${file.id}/attachments/${phoneVisit}`)).status).toBe(204);
    expect((await doctor.get(`/api/doctor/appointments/${phoneVisit}/files`)).body).toEqual([]);
  });
});
