import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CaughtMail } from '../../tools/dev/mail-catcher.mjs';
import { personFor } from '../../services/mock-bank/src/personas';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';
import { confirmThroughBank, dateYearsAgo, peselBornOn } from './verification-support';

const STAFF = { email: 'staff@demo.test', password: 'Staff#Demo2026' };
const NEW_PASSWORD = 'Nowe-haslo-Zima-2026';
const RESET_LIMIT_PER_ADDRESS = 4;

/**
 * Issue 14 items 9, 5 and 6 through the gateway: password reset by e-mail (a
 * real SMTP client, the mail caught by a catcher this file starts), password
 * and phone changes, "Moje konto", the bank's name replacing the registered
 * one, and staff's contact-form decisions shown to the patient.
 */
describe('account basics: password reset, password and phone, "Moje konto"', () => {
  let stack: Stack;
  let staff: ApiClient;
  let addressCounter = 0;

  beforeAll(async () => {
    Object.assign(process.env, {
      // Reset requests are told apart by X-Forwarded-For, as behind the production proxy.
      TRUST_PROXY: 'true',
      RATE_LIMIT_PREFIX: `test:${process.env.BUS_PREFIX}:${randomUUID()}`,
      RATE_LIMIT_PASSWORD_RESET_PER_HOUR: String(RESET_LIMIT_PER_ADDRESS),
    });
    stack = await startStack();
    staff = new ApiClient(stack.baseUrl);
    staff.accessToken = (await staff.post('/api/auth/login', STAFF)).body.accessToken;
  });
  afterAll(() => stack?.close());

  /** A client address of its own (TEST-NET-3) per test, so the per-address limit counts only that test. */
  const newAddress = () => ({ 'x-forwarded-for': `203.0.113.${++addressCounter}` });
  const db = () => stack.services[0]!.get(DataSource);
  const tokenOf = (mail: CaughtMail) => /#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];

  async function resetLink(email: string, from = newAddress()): Promise<string> {
    const before = stack.mail.messages.length;
    const asked = await new ApiClient(stack.baseUrl).post('/api/auth/password-reset', { email }, from);
    expect(asked.status).toBe(202);
    const mail = await stack.mail.waitFor(email, (m) => stack.mail.messages.indexOf(m) >= before);
    return tokenOf(mail)!;
  }

  it('e-mails a single-use link that sets the new password and ends every session', async () => {
    const patient = await newPatient(stack.baseUrl);
    const otherDevice = new ApiClient(stack.baseUrl);
    otherDevice.accessToken = (
      await otherDevice.post('/api/auth/login', { email: patient.email, password: patient.password })
    ).body.accessToken;

    const token = await resetLink(patient.email);
    const mail = stack.mail.messages.find((m) => m.to.includes(patient.email))!;
    expect(mail.subject).toMatch(/zmiana hasła/);
    expect(mail.from).toContain('no-reply@pacjent.localhost');
    expect(mail.text).toContain(`${stack.baseUrl}/password-reset/new#token=${token}`);
    const [stored] = await db().query(
      `SELECT t."token_hash" FROM "identity"."password_reset_tokens" t WHERE t."account_id" = $1`,
      [patient.id],
    );
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);

    const anonymous = new ApiClient(stack.baseUrl);
    const weak = await anonymous.post(
      '/api/auth/password-reset/complete',
      { token, password: 'password12' },
      newAddress(),
    );
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');

    const done = await anonymous.post(
      '/api/auth/password-reset/complete',
      { token, password: NEW_PASSWORD },
      newAddress(),
    );
    expect(done.status).toBe(204);
    const again = await anonymous.post(
      '/api/auth/password-reset/complete',
      { token, password: NEW_PASSWORD },
      newAddress(),
    );
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('RESET_TOKEN_INVALID');

    // Every session ended at once: access tokens and refresh cookies of both devices.
    expect((await patient.client.get('/api/me')).status).toBe(401);
    expect((await otherDevice.get('/api/me')).status).toBe(401);
    expect((await patient.client.post('/api/auth/refresh')).status).toBe(401);
    const oldLogin = await anonymous.post('/api/auth/login', { email: patient.email, password: patient.password });
    expect(oldLogin.body.code).toBe('INVALID_CREDENTIALS');
    expect((await anonymous.post('/api/auth/login', { email: patient.email, password: NEW_PASSWORD })).status).toBe(
      200,
    );
  });

  it('answers the same for an address without an account, and e-mails nobody', async () => {
    const patient = await newPatient(stack.baseUrl);
    const nobody = `nikt.${randomUUID().slice(0, 8)}@example.test`;
    const known = await new ApiClient(stack.baseUrl).post(
      '/api/auth/password-reset',
      { email: patient.email },
      newAddress(),
    );
    const unknown = await new ApiClient(stack.baseUrl).post(
      '/api/auth/password-reset',
      { email: nobody },
      newAddress(),
    );
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);
    await stack.mail.waitFor(patient.email);
    expect(stack.mail.messages.filter((m) => m.to.includes(nobody))).toEqual([]);
    const bad = await new ApiClient(stack.baseUrl).post(
      '/api/auth/password-reset',
      { email: 'x\u0000@a' },
      newAddress(),
    );
    expect(bad.status).toBe(400);
  });

  it('lets only the newest link work, and none after it expires', async () => {
    const patient = await newPatient(stack.baseUrl);
    const first = await resetLink(patient.email);
    const second = await resetLink(patient.email);
    const anonymous = new ApiClient(stack.baseUrl);
    const old = await anonymous.post(
      '/api/auth/password-reset/complete',
      { token: first, password: NEW_PASSWORD },
      newAddress(),
    );
    expect(old.body.code).toBe('RESET_TOKEN_INVALID');

    await db().query(
      `UPDATE "identity"."password_reset_tokens" SET "expires_at" = now() - interval '1 second' WHERE "account_id" = $1`,
      [patient.id],
    );
    const expired = await anonymous.post(
      '/api/auth/password-reset/complete',
      { token: second, password: NEW_PASSWORD },
      newAddress(),
    );
    expect(expired.body.code).toBe('RESET_TOKEN_INVALID');
    expect((await patient.client.get('/api/me')).status).toBe(200);
  });

  it('lets one of two simultaneous uses of a link win', async () => {
    const patient = await newPatient(stack.baseUrl);
    const token = await resetLink(patient.email);
    const answers = await Promise.all(
      ['Pierwsze-haslo-Lato-26', 'Drugie-haslo-Jesien-26'].map((password) =>
        new ApiClient(stack.baseUrl).post('/api/auth/password-reset/complete', { token, password }, newAddress()),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([204, 400]);
  });

  it('sends an account at most 3 links an hour, however many addresses ask at once', async () => {
    const patient = await newPatient(stack.baseUrl);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        new ApiClient(stack.baseUrl).post('/api/auth/password-reset', { email: patient.email }, newAddress()),
      ),
    );
    expect(answers.every((a) => a.status === 202)).toBe(true);
    const [row] = await db().query(
      `SELECT count(*)::int AS "count" FROM "identity"."password_reset_tokens" WHERE "account_id" = $1`,
      [patient.id],
    );
    expect(row.count).toBe(3);
  });

  it('limits reset requests per client address (429 with Retry-After)', async () => {
    const address = newAddress();
    const ask = () =>
      new ApiClient(stack.baseUrl).post('/api/auth/password-reset', { email: 'limit@example.test' }, address);
    for (let i = 0; i < RESET_LIMIT_PER_ADDRESS; i++) expect((await ask()).status).toBe(202);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('changes the password with the current one, ending the other sessions but not this one', async () => {
    const patient = await newPatient(stack.baseUrl);
    const otherDevice = new ApiClient(stack.baseUrl);
    otherDevice.accessToken = (
      await otherDevice.post('/api/auth/login', { email: patient.email, password: patient.password })
    ).body.accessToken;

    const wrong = await patient.client.post('/api/auth/password', {
      currentPassword: 'Nie-to-haslo-2026',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    expect((await otherDevice.get('/api/me')).status).toBe(200);

    const changed = await patient.client.post('/api/auth/password', {
      currentPassword: patient.password,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect((await otherDevice.get('/api/me')).status).toBe(401);
    expect((await otherDevice.post('/api/auth/refresh')).status).toBe(401);
    expect((await patient.client.get('/api/me')).status).toBe(200);
    expect((await patient.client.post('/api/auth/refresh')).status).toBe(200);
    const login = await new ApiClient(stack.baseUrl).post('/api/auth/login', {
      email: patient.email,
      password: NEW_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect((await new ApiClient(stack.baseUrl).post('/api/auth/password', {})).status).toBe(401);
  });

  it('shows "Moje konto" to its owner only, and changes the phone as the register form checks it', async () => {
    const pesel = peselBornOn('1985-04-12', true);
    const patient = await newPatient(stack.baseUrl, { pesel, phone: '+48 600 100 200' });
    const other = await newPatient(stack.baseUrl);
    const account = await patient.client.get('/api/account');
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      id: patient.id,
      email: patient.email,
      firstName: 'Jan',
      lastName: 'Testowy',
      phone: '+48 600 100 200',
      pesel,
      birthDate: '1985-04-12',
      level: 'basic',
      registeredName: null,
      consents: [{ kind: 'terms', acceptedAt: expect.any(String) }],
    });
    expect(account.body).not.toHaveProperty('passwordHash');
    expect((await new ApiClient(stack.baseUrl).get('/api/account')).status).toBe(401);

    for (const phone of ['telefon', '+48 600\u0000100', '1'.repeat(21), '']) {
      const refused = await patient.client.call('PUT', '/api/account/phone', { body: { phone } });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    const changed = await patient.client.call('PUT', '/api/account/phone', { body: { phone: '+48 512 345 678' } });
    expect(changed.status).toBe(200);
    expect(changed.body.phone).toBe('+48 512 345 678');
    expect((await patient.client.get('/api/me')).body.phone).toBe('+48 512 345 678');
    expect((await other.client.get('/api/account')).body.phone).toBeNull();
  });

  it("keeps the registered name when the bank's replaces it: the patient is told, staff still find it (ADR 0015)", async () => {
    const pesel = '90090515836'; // the mock bank's persona Piotr Wiśniewski
    const surname = `Nowak${randomUUID().slice(0, 6)}`;
    const patient = await newPatient(stack.baseUrl, { pesel, firstName: 'Anna', lastName: surname });
    const trip = await confirmThroughBank(patient.client, { pesel });
    expect(trip.outcome.status).toBe('confirmed');

    const status = await patient.client.get('/api/identity/verification');
    expect(status.body.confirmedAs).toEqual({
      firstName: 'Piotr',
      lastName: 'Wiśniewski',
      birthDate: '1990-09-05',
      registeredName: { firstName: 'Anna', lastName: surname },
    });
    expect((await patient.client.get('/api/account')).body).toMatchObject({
      firstName: 'Piotr',
      lastName: 'Wiśniewski',
      registeredName: { firstName: 'Anna', lastName: surname },
    });
    for (const query of [`Anna ${surname}`, `${surname} Anna`, surname]) {
      const found = await staff.get(`/api/staff/patients?query=${encodeURIComponent(query)}`);
      expect(found.body).toEqual([
        expect.objectContaining({
          id: patient.id,
          firstName: 'Piotr',
          lastName: 'Wiśniewski',
          registeredName: { firstName: 'Anna', lastName: surname },
        }),
      ]);
    }
  });

  it('records no replaced name when the bank spells the registered one the same, case aside', async () => {
    const pesel = peselBornOn(dateYearsAgo(40));
    const person = personFor(pesel);
    const patient = await newPatient(stack.baseUrl, {
      pesel,
      firstName: person.givenName.toUpperCase(),
      lastName: person.familyName.toLowerCase(),
    });
    await confirmThroughBank(patient.client, { pesel });
    const status = await patient.client.get('/api/identity/verification');
    expect(status.body.confirmedAs).toMatchObject({
      firstName: person.givenName,
      lastName: person.familyName,
      registeredName: null,
    });
  });

  it("shows the patient staff's decision on a contact-form request and its reason", async () => {
    const rejectedPatient = await newPatient(stack.baseUrl, { pesel: peselBornOn(dateYearsAgo(30)) });
    const missedPatient = await newPatient(stack.baseUrl, { pesel: peselBornOn(dateYearsAgo(31)) });
    const submit = (email: string) =>
      new ApiClient(stack.baseUrl).post(
        '/api/identity/contact-requests',
        { name: 'Jan Testowy', email, phone: '+48 600 100 200', message: 'Proszę o kontakt.' },
        newAddress(),
      );
    const toReject = await submit(rejectedPatient.email);
    const toMiss = await submit(missedPatient.email);
    const resolve = (id: string, body: Record<string, unknown>) =>
      staff.post(`/api/staff/contact-requests/${id}/resolve`, body);
    expect(
      (await resolve(toReject.body.id, { outcome: 'rejected', reason: 'Dane z dokumentu się nie zgadzają.' })).status,
    ).toBe(200);
    expect((await resolve(toMiss.body.id, { outcome: 'unreachable' })).status).toBe(200);

    const rejected = (await rejectedPatient.client.get('/api/identity/verification')).body;
    expect(rejected).toMatchObject({
      level: 'basic',
      code: 'REJECTED',
      latest: {
        method: 'contact_form',
        outcome: 'refused',
        code: 'REJECTED',
        reason: 'Dane z dokumentu się nie zgadzają.',
      },
    });
    const missed = (await missedPatient.client.get('/api/identity/verification')).body;
    expect(missed).toMatchObject({ code: 'UNREACHABLE', latest: { method: 'contact_form', code: 'UNREACHABLE' } });
  });

  it('records a refusal for want of a PESEL with its code, so the patient and staff see why', async () => {
    const patient = await newPatient(stack.baseUrl);
    const refused = await staff.post(`/api/staff/patients/${patient.id}/identity-confirmation`, {
      channel: 'call_center',
      documentType: 'passport',
      documentNumberLast4: '1234',
    });
    expect(refused.body.code).toBe('FACILITY_REQUIRED');
    const status = (await patient.client.get('/api/identity/verification')).body;
    expect(status).toMatchObject({
      code: 'FACILITY_REQUIRED',
      latest: { code: 'FACILITY_REQUIRED', reason: expect.any(String) },
    });
    const card = await staff.get(`/api/staff/patients/${patient.id}`);
    expect(card.body.history[0]).toMatchObject({ outcome: 'refused', code: 'FACILITY_REQUIRED' });
  });
});
