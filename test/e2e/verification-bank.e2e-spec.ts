import { Clock } from '@pacjent/platform';
import { decodeJwt } from 'jose';
import type { Misbehaviour } from '../../services/mock-bank/src/misbehaviour';
import { loginAtBank } from '../../services/mock-bank/src/testing/sandbox-login';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';
import {
  BANK_BINDING_COOKIE,
  confirmThroughBank,
  dateYearsAgo,
  peselBornOn,
  startAtBank,
  visitCallback,
} from './verification-support';

/** Real time, moved forward by `offset` when a test needs identity to live in the future. */
class OffsetClock extends Clock {
  offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

describe('identity confirmation through the (mock) bank', () => {
  let stack: Stack;
  const identityClock = new OffsetClock();

  beforeAll(async () => {
    stack = await startStack({ demoData: false, identityClock });
  });
  afterEach(() => {
    stack.bank.misbehave('none');
    identityClock.offset = 0;
  });
  afterAll(() => stack?.close());

  const adultPesel = () => peselBornOn(dateYearsAgo(30));

  async function expectStillBasic(client: ApiClient, code: string) {
    const me = await client.get('/api/me');
    expect(me.body).toMatchObject({ level: 'basic', verification: null });
    const status = await client.get('/api/identity/verification');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ level: 'basic', verification: null, code });
    expect(status.body.latest).toMatchObject({ method: 'bank', outcome: 'refused', code, reason: expect.any(String) });
    return status.body;
  }

  it('confirms an adult: the bank names and birth date become the account, the level becomes full', async () => {
    const pesel = '90090515836'; // the persona Piotr Wiśniewski
    const { client, id } = await newPatient(stack.baseUrl, { pesel, firstName: 'Piotrek', lastName: 'Wisniewski' });
    const trip = await confirmThroughBank(client, { pesel });

    expect(trip.outcome).toEqual({ status: 'confirmed', code: null });
    expect(trip.location).toBe(`${stack.baseUrl}/verification/result?status=confirmed`);
    const me = await client.get('/api/me');
    expect(me.body).toMatchObject({
      id,
      firstName: 'Piotr',
      lastName: 'Wiśniewski',
      level: 'full',
      verification: { method: 'bank', verifiedAt: expect.any(String) },
    });
    const status = await client.get('/api/identity/verification');
    expect(status.body).toMatchObject({ level: 'full', code: null, latest: { outcome: 'confirmed', method: 'bank' } });

    // The old token still says basic; the next one (refresh) carries full.
    expect(decodeJwt(client.accessToken!).level).toBe('basic');
    const refreshed = await client.post('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.accessToken).level).toBe('full');
  });

  it('sends the browser to the bank with code flow, PKCE S256, state and nonce', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const started = await client.post('/api/identity/verification/bank');
    expect(started.status).toBe(200);
    const url = new URL(started.body.authorizationUrl);
    expect(url.origin).toBe(stack.bank.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'pacjent-test',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.stringMatching(/^[\w-]{20,}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
      scope: expect.stringContaining('openid'),
    });
    expect(url.searchParams.get('state')).not.toBe(url.searchParams.get('nonce'));
  });

  it('shows the sandbox login (pesel, password) and a consent screen listing the shared data', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const started = await client.post('/api/identity/verification/bank');
    const pesel = adultPesel();
    const { pages } = await loginAtBank(started.body.authorizationUrl, { pesel });
    expect(pages[0]).toMatch(/name="pesel"/);
    expect(pages[0]).toMatch(/name="password"/);
    expect(pages[1]).toContain(pesel);
    expect(pages[1]).toMatch(/Imię[\s\S]*Nazwisko[\s\S]*Data urodzenia[\s\S]*PESEL/);
  });

  it('refuses a sandbox login with the wrong password or an invalid PESEL', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const started = await client.post('/api/identity/verification/bank');
    await expect(
      loginAtBank(started.body.authorizationUrl, { pesel: adultPesel(), password: 'nie-demo' }),
    ).rejects.toThrow(/refused the login/);
    await expect(loginAtBank(started.body.authorizationUrl, { pesel: '44051401358' })).rejects.toThrow(
      /refused the login/,
    );
  });

  it('refuses someone one day short of 18 (UNDERAGE) and confirms someone whose 18th birthday is today', async () => {
    const minor = await newPatient(stack.baseUrl);
    const refused = await confirmThroughBank(minor.client, { pesel: peselBornOn(dateYearsAgo(18, -1)) });
    expect(refused.outcome).toEqual({ status: 'failed', code: 'UNDERAGE' });
    await expectStillBasic(minor.client, 'UNDERAGE');

    const adult = await newPatient(stack.baseUrl);
    const confirmed = await confirmThroughBank(adult.client, { pesel: peselBornOn(dateYearsAgo(18)) });
    expect(confirmed.outcome).toEqual({ status: 'confirmed', code: null });
  });

  it("refuses when the bank's PESEL differs from the account's (PESEL_MISMATCH)", async () => {
    const { client } = await newPatient(stack.baseUrl, { pesel: adultPesel() });
    const trip = await confirmThroughBank(client, { pesel: adultPesel() });
    expect(trip.outcome).toEqual({ status: 'failed', code: 'PESEL_MISMATCH' });
    expect(trip.location).toBe(`${stack.baseUrl}/verification/result?status=failed&code=PESEL_MISMATCH`);
    await expectStillBasic(client, 'PESEL_MISMATCH');
  });

  it('confirms one person on one account only (IDENTITY_ALREADY_USED)', async () => {
    const pesel = adultPesel();
    const first = await newPatient(stack.baseUrl);
    expect((await confirmThroughBank(first.client, { pesel })).outcome.status).toBe('confirmed');
    const second = await newPatient(stack.baseUrl);
    const trip = await confirmThroughBank(second.client, { pesel });
    expect(trip.outcome).toEqual({ status: 'failed', code: 'IDENTITY_ALREADY_USED' });
    await expectStillBasic(second.client, 'IDENTITY_ALREADY_USED');
  });

  it('records a refusal at the bank as BANK_DENIED', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const trip = await confirmThroughBank(client, { pesel: adultPesel(), deny: true });
    expect(trip.outcome).toEqual({ status: 'failed', code: 'BANK_DENIED' });
    await expectStillBasic(client, 'BANK_DENIED');
  });

  it('refuses to start for an account that is already full (409 ALREADY_VERIFIED) and without a token (401)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    await confirmThroughBank(client, { pesel: adultPesel() });
    const again = await client.post('/api/identity/verification/bank');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_VERIFIED');
    const anonymous = await new ApiClient(stack.baseUrl).post('/api/identity/verification/bank');
    expect(anonymous.status).toBe(401);
  });

  describe('rejects a misbehaving bank (modelled on the OpenID Foundation RP certification tests)', () => {
    const cases: Array<[Misbehaviour, string, RegExp]> = [
      ['wrong_issuer', 'rp-id_token-issuer-mismatch', /iss/],
      ['wrong_audience', 'rp-id_token-aud', /aud/],
      ['bad_signature', 'rp-id_token-bad-sig-rs256', /signature/],
      ['alg_none', 'rp-id_token-sig-none', /alg/],
      ['wrong_nonce', 'rp-nonce-invalid', /nonce/],
      ['expired', 'rp-id_token-expired (iat/exp)', /exp|timestamp/],
      ['missing_sub', 'rp-id_token-sub', /sub/],
    ];
    it.each(cases)('%s (%s): INVALID_ID_TOKEN, the account stays basic', async (mode, _test, reason) => {
      const { client } = await newPatient(stack.baseUrl);
      stack.bank.misbehave(mode);
      const trip = await confirmThroughBank(client, { pesel: adultPesel() });
      expect(trip.outcome).toEqual({ status: 'failed', code: 'INVALID_ID_TOKEN' });
      const status = await expectStillBasic(client, 'INVALID_ID_TOKEN');
      expect(status.latest.reason).toMatch(reason);
    });

    it('rotated key (rp-id_token-kid-absent-multiple-jwks / key rotation): refetches the JWKS and confirms', async () => {
      const { client } = await newPatient(stack.baseUrl);
      stack.bank.misbehave('rotated_key');
      const trip = await confirmThroughBank(client, { pesel: adultPesel() });
      expect(trip.outcome).toEqual({ status: 'confirmed', code: null });
      expect((await client.get('/api/me')).body.level).toBe('full');
    });
  });

  it('uses a state once: replaying the callback changes nothing (ATTEMPT_INVALID)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const trip = await confirmThroughBank(client, { pesel: adultPesel() });
    expect(trip.outcome.status).toBe('confirmed');
    // The same browser, even with the binding cookie put back, cannot use the code and state again.
    client.setCookie(BANK_BINDING_COOKIE, trip.binding);
    const replay = await visitCallback(trip.callbackUrl, client);
    expect(replay.outcome).toEqual({ status: 'failed', code: 'ATTEMPT_INVALID' });
    const status = await client.get('/api/identity/verification');
    expect(status.body).toMatchObject({ level: 'full', code: null, latest: { outcome: 'confirmed' } });
  });

  it('lets a started attempt expire after BANK_ATTEMPT_TTL_SECONDS (ATTEMPT_INVALID, nothing recorded)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const started = await startAtBank(client);
    const { callbackUrl } = await loginAtBank(started.authorizationUrl, { pesel: adultPesel() });
    identityClock.offset = 601_000;
    expect((await visitCallback(callbackUrl, client)).outcome).toEqual({ status: 'failed', code: 'ATTEMPT_INVALID' });
    const status = await client.get('/api/identity/verification');
    expect(status.body).toMatchObject({ level: 'basic', code: null, latest: null });
  });

  it('refuses a callback whose state it never issued (state mismatch)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const { authorizationUrl, binding } = await startAtBank(client);
    const { callbackUrl } = await loginAtBank(authorizationUrl, { pesel: adultPesel() });
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'not-a-state-we-issued');
    // Each callback clears the cookie in the browser; the patient's browser still holds it for these visits.
    const withBinding = () => (client.setCookie(BANK_BINDING_COOKIE, binding), client);
    expect((await visitCallback(forged.href, withBinding())).outcome).toEqual({
      status: 'failed',
      code: 'ATTEMPT_INVALID',
    });
    expect(
      (await visitCallback(`${stack.baseUrl}/api/identity/verification/bank/callback`, withBinding())).outcome.code,
    ).toBe('ATTEMPT_INVALID');
    expect((await client.get('/api/identity/verification')).body).toMatchObject({ level: 'basic', latest: null });
    // The genuine callback still works afterwards: a forged one uses nothing up.
    expect((await visitCallback(callbackUrl, withBinding())).outcome.status).toBe('confirmed');
  });

  it('never exchanges a code twice: an old code under a fresh state is refused by the bank (BANK_ERROR)', async () => {
    const { client } = await newPatient(stack.baseUrl);
    stack.bank.misbehave('wrong_issuer');
    const first = await confirmThroughBank(client, { pesel: adultPesel() });
    expect(first.outcome.code).toBe('INVALID_ID_TOKEN');
    stack.bank.misbehave('none');

    const started = await startAtBank(client);
    const { callbackUrl } = await loginAtBank(started.authorizationUrl, { pesel: adultPesel() });
    const reused = new URL(callbackUrl);
    reused.searchParams.set('code', new URL(first.callbackUrl).searchParams.get('code')!);
    const trip = await visitCallback(reused.href, client);
    expect(trip.outcome).toEqual({ status: 'failed', code: 'BANK_ERROR' });
    await expectStillBasic(client, 'BANK_ERROR');
  });

  it('keeps full-only endpoints from basic tokens (403 VERIFICATION_REQUIRED) and opens them after confirmation', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const basic = await client.get('/api/files');
    expect(basic.status).toBe(403);
    expect(basic.body.code).toBe('VERIFICATION_REQUIRED');
    await confirmThroughBank(client, { pesel: adultPesel() });
    client.accessToken = (await client.post('/api/auth/refresh')).body.accessToken;
    expect((await client.get('/api/files')).status).toBe(200);
  });

  it('shows the bank confirmation in the access history', async () => {
    const { client } = await newPatient(stack.baseUrl);
    await confirmThroughBank(client, { pesel: adultPesel() });
    const history = await client.get('/api/identity/access-history');
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      expect.objectContaining({ action: 'identity.confirmed', method: 'bank', actor: { kind: 'bank', name: 'Bank' } }),
    ]);
  });
  describe('binds each attempt to the browser that started it', () => {
    /** Nothing about the attempt reached the account: still basic, no outcome recorded. */
    async function expectUntouched(client: ApiClient) {
      expect((await client.get('/api/me')).body).toMatchObject({ level: 'basic', verification: null });
      expect((await client.get('/api/identity/verification')).body).toMatchObject({
        level: 'basic',
        verification: null,
        code: null,
        latest: null,
      });
    }

    it('sets an HttpOnly, SameSite=Lax cookie limited to the callback when the attempt starts', async () => {
      const { client } = await newPatient(stack.baseUrl);
      const started = await client.post('/api/identity/verification/bank');
      expect(started.status).toBe(200);
      const cookie = started.headers.getSetCookie().find((c) => c.startsWith(`${BANK_BINDING_COOKIE}=`)) ?? '';
      expect(cookie).toMatch(new RegExp(`^${BANK_BINDING_COOKIE}=[\\w-]{43};`));
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\/api\/identity\/verification\/bank\/callback(;|$)/i);
      expect(cookie).not.toMatch(/; Secure/i); // the test portal is http://
    });

    it("the attack: a bank link started on A and finished in the victim's browser leaves A basic and stores nothing", async () => {
      const attacker = await newPatient(stack.baseUrl);
      const { authorizationUrl } = await startAtBank(attacker.client);
      const victimPesel = adultPesel();
      // The victim opens the link and logs in at the bank in their own browser: no binding cookie there.
      const { callbackUrl } = await loginAtBank(authorizationUrl, { pesel: victimPesel });
      const victimBrowser = new ApiClient(stack.baseUrl);
      const trip = await visitCallback(callbackUrl, victimBrowser);

      expect(trip.outcome).toEqual({ status: 'failed', code: 'BANK_SESSION_MISMATCH' });
      expect(trip.location).toBe(`${stack.baseUrl}/verification/result?status=failed&code=BANK_SESSION_MISMATCH`);
      await expectUntouched(attacker.client);
      // The victim's identity was stored nowhere: the victim can still confirm it on their own account.
      const victim = await newPatient(stack.baseUrl);
      expect((await confirmThroughBank(victim.client, { pesel: victimPesel })).outcome.status).toBe('confirmed');
      await expectUntouched(attacker.client);
    });

    it("refuses the callback in a browser holding another attempt's cookie (the victim had started their own)", async () => {
      const attacker = await newPatient(stack.baseUrl);
      const { authorizationUrl } = await startAtBank(attacker.client);
      const victim = await newPatient(stack.baseUrl);
      await startAtBank(victim.client); // the victim's browser now holds its own binding cookie
      const { callbackUrl } = await loginAtBank(authorizationUrl, { pesel: adultPesel() });

      const trip = await visitCallback(callbackUrl, victim.client);
      expect(trip.outcome).toEqual({ status: 'failed', code: 'BANK_SESSION_MISMATCH' });
      expect(victim.client.cookie(BANK_BINDING_COOKIE)).toBeUndefined(); // cleared by the callback
      await expectUntouched(attacker.client);
      await expectUntouched(victim.client);
    });

    it("cross-state: attempt 1's cookie with attempt 2's state is refused, and attempt 2 still completes in its browser", async () => {
      const { client } = await newPatient(stack.baseUrl);
      const first = await startAtBank(client);
      const otherBrowser = new ApiClient(stack.baseUrl);
      otherBrowser.accessToken = client.accessToken;
      const second = await startAtBank(otherBrowser);
      expect(second.binding).not.toBe(first.binding);
      const { callbackUrl } = await loginAtBank(second.authorizationUrl, { pesel: adultPesel() });

      client.setCookie(BANK_BINDING_COOKIE, first.binding);
      expect((await visitCallback(callbackUrl, client)).outcome).toEqual({
        status: 'failed',
        code: 'BANK_SESSION_MISMATCH',
      });
      await expectUntouched(client);

      expect((await visitCallback(callbackUrl, otherBrowser)).outcome).toEqual({ status: 'confirmed', code: null });
    });

    it('does not complete an attempt after the account logged out (ATTEMPT_INVALID), even in its own browser', async () => {
      const { client, email, password } = await newPatient(stack.baseUrl);
      const { authorizationUrl } = await startAtBank(client);
      const { callbackUrl } = await loginAtBank(authorizationUrl, { pesel: adultPesel() });
      expect((await client.post('/api/auth/logout')).status).toBe(204);

      expect((await visitCallback(callbackUrl, client)).outcome).toEqual({
        status: 'failed',
        code: 'ATTEMPT_INVALID',
      });
      const again = await client.call('POST', '/api/auth/login', { body: { email, password }, token: null });
      expect(again.status).toBe(200);
      client.accessToken = again.body.accessToken;
      await expectUntouched(client);
    });
  });
});
