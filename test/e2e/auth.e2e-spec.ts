import { generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { FixedClock } from '@pacjent/platform';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

describe('accounts and tokens through the gateway', () => {
  let stack: Stack;
  // Identity's clock: real time unless a test moves it (to mint an expired token).
  const identityClock = new FixedClock();

  beforeAll(async () => {
    stack = await startStack({ identityClock });
  });
  beforeEach(() => identityClock.set(new Date()));
  afterAll(() => stack?.close());

  it('registers, logs in and shows the account as API.md says', async () => {
    const api = new ApiClient(stack.baseUrl);
    const email = `Anna.Kowalska.${Date.now()}@Example.test`;
    const registered = await api.post('/api/auth/register', {
      email,
      password: 'Bardzo-dobre-haslo',
      firstName: 'Anna',
      lastName: 'Kowalska',
      phone: '+48 600 100 200',
      pesel: '44051401359',
      acceptTerms: true,
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const login = await api.post('/api/auth/login', { email: email.toLowerCase(), password: 'Bardzo-dobre-haslo' });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/pacjent_refresh=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    const me = await api.get('/api/me', login.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: registered.body.id,
      email: email.toLowerCase(),
      firstName: 'Anna',
      lastName: 'Kowalska',
      level: 'basic',
      roles: ['patient'],
      verification: null,
      phone: '+48 600 100 200',
    });
  });

  it('signs a short-lived asymmetric token with sub, roles and level', async () => {
    const { client, id } = await newPatient(stack.baseUrl);
    const header = decodeProtectedHeader(client.accessToken!);
    const claims = decodeJwt(client.accessToken!);
    expect(['ES256', 'EdDSA']).toContain(header.alg);
    expect(header.kid).toBeTruthy();
    expect(claims).toMatchObject({ sub: id, roles: ['patient'], level: 'basic' });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('refuses a duplicate email whatever its case (409 EMAIL_TAKEN)', async () => {
    const { email } = await newPatient(stack.baseUrl);
    const again = await new ApiClient(stack.baseUrl).post('/api/auth/register', {
      email: email.toUpperCase(),
      password: 'Inne-dobre-haslo',
      firstName: 'X',
      lastName: 'Y',
      acceptTerms: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
  });

  it('validates password length, PESEL checksum and the terms consent', async () => {
    const api = new ApiClient(stack.baseUrl);
    const base = { email: `v.${Date.now()}@example.test`, firstName: 'A', lastName: 'B', acceptTerms: true };
    const short = await api.post('/api/auth/register', { ...base, password: 'krotkie' });
    expect(short.status).toBe(400);
    expect(short.body.errors.map((e: { field: string }) => e.field)).toContain('password');

    const badPesel = await api.post('/api/auth/register', {
      ...base,
      password: 'Dlugie-haslo-1',
      pesel: '44051401358',
    });
    expect(badPesel.status).toBe(400);
    expect(badPesel.body.code).toBe('VALIDATION_FAILED');
    expect(badPesel.body.errors.map((e: { field: string }) => e.field)).toContain('pesel');

    const noTerms = await api.post('/api/auth/register', { ...base, password: 'Dlugie-haslo-1', acceptTerms: false });
    expect(noTerms.status).toBe(400);
    expect(noTerms.body.errors.map((e: { field: string }) => e.field)).toContain('acceptTerms');
  });

  it('answers a wrong password and an unknown email identically (401 INVALID_CREDENTIALS)', async () => {
    const { email } = await newPatient(stack.baseUrl);
    const api = new ApiClient(stack.baseUrl);
    const wrong = await api.post('/api/auth/login', { email, password: 'Zle-haslo-123' });
    const unknown = await api.post('/api/auth/login', {
      email: `nobody.${Date.now()}@example.test`,
      password: 'Zle-haslo-123',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
  });

  it('locks an account for a while after 5 failed logins (429 with Retry-After)', async () => {
    const { email, password } = await newPatient(stack.baseUrl);
    const api = new ApiClient(stack.baseUrl);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await api.post('/api/auth/login', { email, password: 'Zle-haslo-123' })).status).toBe(401);
    }
    const locked = await api.post('/api/auth/login', { email, password });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rotates the refresh cookie and revokes the whole family when an old one is replayed', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const first = client.cookie('pacjent_refresh')!;
    const refreshed = await client.post('/api/auth/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    const second = client.cookie('pacjent_refresh')!;
    expect(second).not.toBe(first);

    const thief = new ApiClient(stack.baseUrl);
    thief.setCookie('pacjent_refresh', first);
    const replay = await thief.post('/api/auth/refresh');
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_REFRESH_TOKEN');

    const afterReuse = await client.post('/api/auth/refresh');
    expect(afterReuse.status).toBe(401);
  });

  it('logs out: the refresh cookie no longer works', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const token = client.cookie('pacjent_refresh')!;
    const logout = await client.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    const replay = new ApiClient(stack.baseUrl);
    replay.setCookie('pacjent_refresh', token);
    expect((await replay.post('/api/auth/refresh')).status).toBe(401);
  });

  it('refuses a request without a cookie to refresh', async () => {
    const response = await new ApiClient(stack.baseUrl).post('/api/auth/refresh');
    expect(response.status).toBe(401);
  });

  describe('refuses tokens it did not issue or that are no longer valid (401)', () => {
    let genuine: string;
    let patientId: string;

    beforeAll(async () => {
      const patient = await newPatient(stack.baseUrl);
      genuine = patient.client.accessToken!;
      patientId = patient.id;
    });

    const meWith = (token: string) => new ApiClient(stack.baseUrl).get('/api/me', token);

    it('accepts the genuine token', async () => {
      expect((await meWith(genuine)).status).toBe(200);
    });

    it('a token signed by another key, even with the same kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT({ roles: ['staff'], level: 'full' })
        .setProtectedHeader({ alg: 'ES256', kid: decodeProtectedHeader(genuine).kid })
        .setSubject(patientId)
        .setIssuer('pacjent-identity')
        .setAudience('pacjent')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      const response = await meWith(forged);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('a genuine token whose claims were edited (level: full)', async () => {
      const [header, payload, signature] = genuine.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const edited = Buffer.from(JSON.stringify({ ...claims, level: 'full' })).toString('base64url');
      expect((await meWith(`${header}.${edited}.${signature}`)).status).toBe(401);
    });

    it('an unsigned token (alg: none)', async () => {
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(
        JSON.stringify({
          sub: patientId,
          roles: ['patient'],
          level: 'full',
          iss: 'pacjent-identity',
          aud: 'pacjent',
          exp: 4102444800,
        }),
      ).toString('base64url');
      expect((await meWith(`${header}.${payload}.`)).status).toBe(401);
    });

    it('an expired token', async () => {
      const { email, password } = await newPatient(stack.baseUrl);
      identityClock.set(new Date(Date.now() - 16 * 60 * 1000));
      const login = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email, password });
      expect(login.status).toBe(200);
      identityClock.set(new Date());
      const response = await meWith(login.body.accessToken);
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/expired/i);
    });

    it('garbage', async () => {
      expect((await meWith('not-a-token')).status).toBe(401);
    });
  });

  it('lets the seeded demo staff and doctor log in with their roles', async () => {
    const api = new ApiClient(stack.baseUrl);
    const staff = await api.post('/api/auth/login', { email: 'staff@demo.test', password: 'Staff#Demo2026' });
    expect(staff.status).toBe(200);
    expect((await api.get('/api/me', staff.body.accessToken)).body.roles).toEqual(['staff']);
    const doctor = await api.post('/api/auth/login', { email: 'doctor@demo.test', password: 'Doctor#Demo2026' });
    expect(doctor.status).toBe(200);
    expect((await api.get('/api/me', doctor.body.accessToken)).body.roles).toEqual(['doctor']);
  });
  it.each([
    ['1234567890', /used password/],
    ['password12', /used password/],
    ['qwertyuiop', /used password|keyboard/],
    ['Password123', /used password/],
    ['          ', /Repeated characters/],
  ])('refuses the weak password %j (400 PASSWORD_TOO_WEAK, says why) and opens no account', async (password, why) => {
    const api = new ApiClient(stack.baseUrl);
    const email = `weak.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.test`;
    const refused = await api.post('/api/auth/register', {
      email,
      password,
      firstName: 'Anna',
      lastName: 'Kowalska',
      acceptTerms: true,
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', errors: [{ field: 'password' }] });
    const messages = (refused.body.errors[0].messages as string[]).join(' ');
    expect(messages).toMatch(/too easy to guess/);
    expect(messages).toMatch(why);
    const login = await api.post('/api/auth/login', { email, password });
    expect(login.status).toBe(401);
  });

  it("refuses a password built from the person's own name and email (400 PASSWORD_TOO_WEAK)", async () => {
    const api = new ApiClient(stack.baseUrl);
    const refused = await api.post('/api/auth/register', {
      email: `jan.wrzeszczyk.${Date.now()}@example.test`,
      password: 'wrzeszczyk2026',
      firstName: 'Jan',
      lastName: 'Wrzeszczyk',
      acceptTerms: true,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('PASSWORD_TOO_WEAK');
  });
});
