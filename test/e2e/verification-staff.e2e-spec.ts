import { decodeJwt } from 'jose';
import { Client } from 'pg';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';
import { confirmThroughBank, dateYearsAgo, peselBornOn } from './verification-support';

const STAFF = { email: 'staff@demo.test', password: 'Staff#Demo2026', name: 'Katarzyna Wiśniewska' };
const form = { channel: 'call_center', documentType: 'id_card', documentNumberLast4: 'A123', note: 'Oddzwoniono.' };

describe('identity confirmation by staff, and the contact-form queue', () => {
  let stack: Stack;
  let staff: ApiClient;

  beforeAll(async () => {
    stack = await startStack();
    staff = new ApiClient(stack.baseUrl);
    const login = await staff.post('/api/auth/login', { email: STAFF.email, password: STAFF.password });
    staff.accessToken = login.body.accessToken;
    // The demo data (staff account, booking catalog) takes a while on a loaded machine.
  }, 90_000);
  afterAll(() => stack?.close());

  const adultPesel = () => peselBornOn(dateYearsAgo(40));

  async function auditRows(patientId: string): Promise<Array<{ action: string; outcome: string; actor_id: string }>> {
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    try {
      const result = await client.query(
        'SELECT "action", "outcome", "actor_id" FROM "identity"."access_log" WHERE "patient_id" = $1 ORDER BY "created_at"',
        [patientId],
      );
      return result.rows;
    } finally {
      await client.end();
    }
  }

  it('lets only staff in: 401 without a token, 403 for a patient', async () => {
    const { client } = await newPatient(stack.baseUrl);
    expect((await new ApiClient(stack.baseUrl).get('/api/staff/patients?query=jan')).status).toBe(401);
    const patient = await client.get('/api/staff/patients?query=jan');
    expect(patient.status).toBe(403);
    expect(patient.body.code).toBe('FORBIDDEN');
    expect((await client.get('/api/staff/contact-requests')).status).toBe(403);
  });

  it('finds patients by email, PESEL and name (and never staff or doctors)', async () => {
    const pesel = adultPesel();
    const { id, email } = await newPatient(stack.baseUrl, { pesel, firstName: 'Zdzisława', lastName: 'Szukana' });
    for (const query of [email, email.split('@')[0]!, pesel, 'zdzisława szukana', 'Szukana']) {
      const found = await staff.get(`/api/staff/patients?query=${encodeURIComponent(query)}`);
      expect(found.status).toBe(200);
      expect(found.body).toEqual([
        {
          id,
          email,
          firstName: 'Zdzisława',
          lastName: 'Szukana',
          pesel,
          level: 'basic',
          verification: null,
          registeredName: null,
        },
      ]);
    }
    const staffSearch = await staff.get('/api/staff/patients?query=demo.test');
    expect(staffSearch.body).toEqual([]);
    expect((await staff.get('/api/staff/patients?query=x')).status).toBe(400);
  });

  it('confirms an adult over the phone: full level, history with who and how, the patient sees it', async () => {
    const { client, id } = await newPatient(stack.baseUrl, { pesel: adultPesel() });
    const confirmed = await staff.post(`/api/staff/patients/${id}/identity-confirmation`, form);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id, level: 'full', verification: { method: 'call_center' } });
    expect(confirmed.body.history[0]).toMatchObject({
      method: 'call_center',
      outcome: 'confirmed',
      staff: { name: STAFF.name },
      documentType: 'id_card',
      documentNumberLast4: 'A123',
    });

    expect((await client.get('/api/me')).body).toMatchObject({
      level: 'full',
      verification: { method: 'call_center', verifiedAt: expect.any(String) },
    });
    const refreshed = await client.post('/api/auth/refresh');
    expect(decodeJwt(refreshed.body.accessToken).level).toBe('full');

    const history = await client.get('/api/identity/access-history');
    expect(history.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'identity.confirmed',
          method: 'call_center',
          actor: { kind: 'staff', name: STAFF.name },
        }),
        expect.objectContaining({ action: 'patient.viewed', actor: { kind: 'staff', name: STAFF.name } }),
      ]),
    );
    const audit = await auditRows(id);
    expect(audit.map((row) => `${row.action}:${row.outcome}`)).toEqual([
      'identity.confirm:confirmed',
      'patient.view:ok',
    ]);
  });

  it('validates the form: last four characters exactly, a known channel, a document type', async () => {
    const { id } = await newPatient(stack.baseUrl, { pesel: adultPesel() });
    for (const bad of [
      { ...form, documentNumberLast4: '123' },
      { ...form, documentNumberLast4: '12345' },
      { ...form, channel: 'email' },
      { ...form, documentType: '' },
    ]) {
      const answer = await staff.post(`/api/staff/patients/${id}/identity-confirmation`, bad);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await staff.post('/api/staff/patients/not-a-uuid/identity-confirmation', form)).status).toBe(404);
  });

  it('confirms a minor only at a facility (422 FACILITY_REQUIRED otherwise), and audits the refusal', async () => {
    const { client, id } = await newPatient(stack.baseUrl, { pesel: peselBornOn(dateYearsAgo(15)) });
    const phone = await staff.post(`/api/staff/patients/${id}/identity-confirmation`, form);
    expect(phone.status).toBe(422);
    expect(phone.body.code).toBe('FACILITY_REQUIRED');
    expect((await client.get('/api/me')).body.level).toBe('basic');

    const facility = await staff.post(`/api/staff/patients/${id}/identity-confirmation`, {
      ...form,
      channel: 'facility',
    });
    expect(facility.status).toBe(200);
    expect(facility.body.level).toBe('full');
    expect(facility.body.history.map((e: { outcome: string; method: string }) => `${e.method}:${e.outcome}`)).toEqual([
      'facility:confirmed',
      'call_center:refused',
    ]);
    expect((await auditRows(id)).map((row) => row.outcome)).toContain('refused:FACILITY_REQUIRED');
  });

  it('confirms an account without a PESEL only at a facility', async () => {
    const { id } = await newPatient(stack.baseUrl);
    const answer = await staff.post(`/api/staff/patients/${id}/identity-confirmation`, form);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('FACILITY_REQUIRED');
  });

  it('refuses to confirm the same person on a second account (409 IDENTITY_ALREADY_USED)', async () => {
    const pesel = adultPesel();
    const first = await newPatient(stack.baseUrl, { pesel });
    await confirmThroughBank(first.client, { pesel });
    const second = await newPatient(stack.baseUrl, { pesel });
    const answer = await staff.post(`/api/staff/patients/${second.id}/identity-confirmation`, form);
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('IDENTITY_ALREADY_USED');
    const status = await second.client.get('/api/identity/verification');
    expect(status.body).toMatchObject({ level: 'basic', code: 'IDENTITY_ALREADY_USED' });

    const again = await staff.post(`/api/staff/patients/${first.id}/identity-confirmation`, form);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_VERIFIED');
  });

  it('takes the public contact form into the queue, where staff confirm, reject or mark unreachable', async () => {
    const pesel = adultPesel();
    const patient = await newPatient(stack.baseUrl, { pesel });
    const anonymous = new ApiClient(stack.baseUrl);
    const submit = (extra: Record<string, unknown> = {}) =>
      anonymous.post('/api/identity/contact-requests', {
        name: 'Jan Testowy',
        email: patient.email,
        phone: '+48 600 100 200',
        pesel,
        message: 'Proszę o potwierdzenie tożsamości.',
        ...extra,
      });
    expect((await submit({ phone: 'telefon' })).status).toBe(400);
    const toConfirm = await submit();
    expect(toConfirm.status).toBe(201);
    const toReject = await submit({ email: 'ktos.inny@example.test' });
    const toMiss = await submit({ email: 'nieosiagalny@example.test' });

    const queue = await staff.get('/api/staff/contact-requests');
    expect(queue.status).toBe(200);
    const ids = queue.body.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([toConfirm.body.id, toReject.body.id, toMiss.body.id]));
    expect(queue.body.find((r: { id: string }) => r.id === toConfirm.body.id)).toMatchObject({
      status: 'open',
      patientId: patient.id,
      pesel,
    });

    const resolve = (id: string, body: Record<string, unknown>) =>
      staff.post(`/api/staff/contact-requests/${id}/resolve`, body);
    const noReason = await resolve(toReject.body.id, { outcome: 'rejected' });
    expect(noReason.status).toBe(400);
    const rejected = await resolve(toReject.body.id, { outcome: 'rejected', reason: 'Dane się nie zgadzają.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Dane się nie zgadzają.' });
    expect((await resolve(toReject.body.id, { outcome: 'unreachable' })).body.code).toBe('CONTACT_REQUEST_RESOLVED');
    expect((await resolve(toMiss.body.id, { outcome: 'unreachable' })).body.status).toBe('unreachable');

    const confirmed = await resolve(toConfirm.body.id, {
      outcome: 'confirmed',
      documentType: 'passport',
      documentNumberLast4: '9876',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await patient.client.get('/api/me')).body).toMatchObject({
      level: 'full',
      verification: { method: 'contact_form' },
    });

    const open = (await staff.get('/api/staff/contact-requests')).body.map((r: { id: string }) => r.id);
    expect(open).not.toContain(toConfirm.body.id);
    const closed = await staff.get('/api/staff/contact-requests?status=rejected');
    expect(closed.body.map((r: { id: string }) => r.id)).toContain(toReject.body.id);
  });
});
