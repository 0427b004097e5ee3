import { Client } from 'pg';
import { request as httpRequest } from 'node:http';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
/** Text that must never come back in an error answer. */
const MARKER = 'zzmarkerzz';

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any;
  headers: Headers;
}

/**
 * Issue 10, items 3, 4 and 5: hostile input is a 400 (never a 500), and every
 * error the gateway gives — its own or the framework's — is problem+json with
 * a stable code and without the input echoed.
 */
describe('hostile input at the gateway', () => {
  let stack: Stack;
  let patient: ApiClient;
  let staff: ApiClient;
  let serviceId: string;
  let occupationalSlotId: string;

  beforeAll(async () => {
    stack = await startStack();
    patient = await fullPatient();
    staff = new ApiClient(stack.baseUrl);
    const login = await staff.post('/api/auth/login', { email: 'staff@demo.test', password: 'Staff#Demo2026' });
    expect(login.status).toBe(200);
    staff.accessToken = login.body.accessToken;
    const services = (await patient.get('/api/catalog/services')).body as Array<{
      id: string;
      kind: string;
      basicAllowed: boolean;
    }>;
    serviceId = services.find((s) => s.kind === 'consultation' && s.basicAllowed)!.id;
    const occupational = services.find((s) => s.kind === 'occupational' && s.basicAllowed)!;
    occupationalSlotId = (await patient.get(`/api/slots?serviceId=${occupational.id}&limit=1`)).body[0].id;
  });
  afterAll(() => stack?.close());

  async function fullPatient(): Promise<ApiClient> {
    const created = await newPatient(stack.baseUrl);
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    try {
      await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [created.id]);
    } finally {
      await db.end();
    }
    const login = await created.client.post('/api/auth/login', { email: created.email, password: created.password });
    created.client.accessToken = login.body.accessToken;
    return created.client;
  }

  async function send(
    method: string,
    path: string,
    options: { body?: string | FormData; contentType?: string; token?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.contentType) headers['content-type'] = options.contentType;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${stack.baseUrl}${path}`, { method, headers, body: options.body });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      body,
      headers: response.headers,
    };
  }

  const json = (method: string, path: string, body: unknown, token?: string) =>
    send(method, path, { body: JSON.stringify(body), contentType: 'application/json', token });

  function expectProblem(answer: Answer, status: number, code: string): void {
    expect({ status: answer.status, contentType: answer.contentType }).toEqual({
      status,
      contentType: 'application/problem+json; charset=utf-8',
    });
    expect(answer.body).toMatchObject({ status, code });
    expect(answer.body.title).toMatch(/^[A-Z]/);
    expect(answer.body.title).not.toBe('Error');
    expect(typeof answer.body.detail).toBe('string');
    expect(answer.body.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(answer.text).not.toContain(MARKER);
  }

  describe('control characters (item 4)', () => {
    const NUL = `Jan\u0000${MARKER}`;
    const until = () => new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString();
    const uploadWith = (description: string) => {
      const form = new FormData();
      form.append('description', description);
      form.append('consent', 'true');
      form.append('file', new Blob([PNG], { type: 'image/png' }), 'skan.png');
      return send('POST', '/api/files', { body: form, token: patient.accessToken });
    };
    const register = (overrides: Record<string, unknown>) =>
      json('POST', '/api/auth/register', {
        email: `nul.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.test`,
        password: 'Dobre-haslo-2026',
        firstName: 'Jan',
        lastName: 'Testowy',
        acceptTerms: true,
        ...overrides,
      });
    const places: Array<[string, () => Promise<Answer>]> = [
      ['register: first name', () => register({ firstName: NUL })],
      ['register: last name', () => register({ lastName: NUL })],
      ['login: email', () => json('POST', '/api/auth/login', { email: `a\u0000@example.test`, password: 'x' })],
      [
        'contact request: message',
        () =>
          json('POST', '/api/identity/contact-requests', {
            name: 'Jan Kowalski',
            email: 'jan@example.test',
            phone: '+48 600 100 200',
            message: NUL,
          }),
      ],
      ['file: description', () => uploadWith(`Wynik badania ${NUL}`)],
      [
        'slot alert: city',
        () => json('POST', '/api/slot-alerts', { serviceId, until: until(), city: NUL }, patient.accessToken),
      ],
      [
        'occupational referral: employer',
        () =>
          json(
            'POST',
            '/api/appointments',
            {
              slotId: occupationalSlotId,
              occupationalReferral: { employer: NUL, position: 'Magazynier', referralNumber: 'SK/2026/114' },
            },
            patient.accessToken,
          ),
      ],
      [
        'staff patient search',
        () => send('GET', `/api/staff/patients?query=ko%00${MARKER}`, { token: staff.accessToken }),
      ],
      ['slots: city', () => send('GET', `/api/slots?serviceId=${serviceId}&city=W%00${MARKER}`)],
      ['slots: language', () => send('GET', `/api/slots?serviceId=${serviceId}&language=e%00n`)],
      ['catalog services: q', () => send('GET', `/api/catalog/services?q=ko%00${MARKER}`)],
      ['catalog facilities: city', () => send('GET', `/api/catalog/facilities?city=W%00${MARKER}`)],
    ];

    it.each(places)('refuses a NUL in %s with 400 VALIDATION_FAILED', async (_place, call) => {
      const answer = await call();
      expectProblem(answer, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(answer.body.errors)).toContain('control characters');
    });

    it('refuses other control characters too, in names and in query parameters', async () => {
      expectProblem(await register({ firstName: 'Jan\u0001' }), 400, 'VALIDATION_FAILED');
      expectProblem(await register({ lastName: 'Kowal\u001bski' }), 400, 'VALIDATION_FAILED');
      expectProblem(await send('GET', '/api/catalog/services?q=ko%7F'), 400, 'VALIDATION_FAILED');
    });

    it('still takes line breaks in free text', async () => {
      const answer = await json('POST', '/api/identity/contact-requests', {
        name: 'Jan Kowalski',
        email: 'jan@example.test',
        phone: '+48 600 100 200',
        message: 'Dzień dobry,\r\nproszę o kontakt.\n\tJan',
      });
      expect(answer.status).toBe(201);
    });
  });

  describe('deeply nested JSON (item 3)', () => {
    const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const nestedArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const routes = [
      '/api/auth/register',
      '/api/auth/login',
      '/api/identity/contact-requests',
      '/api/appointments',
      '/api/slot-alerts',
    ];

    it.each(routes)(
      'answers 400 VALIDATION_FAILED to %s nested 2,371 (objects) and 1,314 (arrays) deep',
      async (route) => {
        for (const body of [nestedObject(2371), nestedArray(1314), `{"email":${nestedArray(100_000)}}`]) {
          const answer = await send('POST', route, {
            body,
            contentType: 'application/json',
            token: patient.accessToken,
          });
          expectProblem(answer, 400, 'VALIDATION_FAILED');
          expect(answer.body.errors).toEqual([
            { field: '', messages: ['must not be nested more than 32 levels deep'] },
          ]);
        }
      },
    );

    it('lets 32 levels through to ordinary validation and stops the 33rd', async () => {
      const at32 = await send('POST', '/api/auth/login', { body: nestedObject(32), contentType: 'application/json' });
      expectProblem(at32, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(at32.body.errors)).not.toContain('nested');
      const at33 = await send('POST', '/api/auth/login', { body: nestedObject(33), contentType: 'application/json' });
      expect(JSON.stringify(at33.body.errors)).toContain('nested more than 32');
    });
  });

  describe('errors outside the handlers are problem+json (item 5)', () => {
    it('URI too long: 414 URI_TOO_LONG without the path', async () => {
      expectProblem(await send('GET', `/api/appointments/${MARKER}${'a'.repeat(300)}`), 414, 'URI_TOO_LONG');
    });

    it('a malformed URL: 400 BAD_URL', async () => {
      expectProblem(await send('GET', `/api/appointments/%E0%A4%A${MARKER}`), 400, 'BAD_URL');
    });

    it('no such route: 404 NOT_FOUND without the path', async () => {
      expectProblem(await send('GET', `/api/${MARKER}`), 404, 'NOT_FOUND');
      expectProblem(
        await send('POST', `/api/${MARKER}/x`, { body: '{}', contentType: 'application/json' }),
        404,
        'NOT_FOUND',
      );
    });

    it('a method the route does not have: 405 METHOD_NOT_ALLOWED with Allow', async () => {
      const answer = await send('DELETE', '/api/auth/login');
      expectProblem(answer, 405, 'METHOD_NOT_ALLOWED');
      expect(answer.headers.get('allow')).toBe('POST');
    });

    it('JSON that does not parse: 400 VALIDATION_FAILED without the body', async () => {
      const answer = await send('POST', '/api/auth/login', {
        body: `{"email": ${MARKER}`,
        contentType: 'application/json',
      });
      expectProblem(answer, 400, 'VALIDATION_FAILED');
      expectProblem(
        await send('POST', '/api/auth/login', { body: '', contentType: 'application/json' }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await send('POST', '/api/auth/login', { body: '{"__proto__":{"x":1}}', contentType: 'application/json' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('a media type nobody reads: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const answer = await send('POST', '/api/auth/login', { body: `<${MARKER}/>`, contentType: `text/${MARKER}` });
      expectProblem(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('a JSON body over 1 MiB: 413 PAYLOAD_TOO_LARGE', async () => {
      const body = JSON.stringify({ email: MARKER.repeat(120_000), password: 'x' });
      expectProblem(
        await send('POST', '/api/auth/login', { body, contentType: 'application/json' }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('a multipart body that does not parse: 400 VALIDATION_FAILED', async () => {
      const answer = await send('POST', '/api/files', {
        body: `--b\r\nContent-Disposition: form-data; name="${MARKER}`,
        contentType: 'multipart/form-data; boundary=b',
        token: patient.accessToken,
      });
      expectProblem(answer, 400, 'VALIDATION_FAILED');
    });

    it('headers too large: 431 HEADERS_TOO_LARGE, as problem+json', async () => {
      const url = new URL(stack.baseUrl);
      const answer = await new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: url.hostname, port: url.port, path: '/api/health', headers: { 'x-filler': MARKER.repeat(2000) } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', text }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(answer.text)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
      expect(answer.text).not.toContain(MARKER);
    });
  });
});
