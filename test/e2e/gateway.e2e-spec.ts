import { BusHeader, Subjects } from '@pacjent/contracts';
import { busSubject } from '@pacjent/platform';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { connect, type Msg, type NatsConnection } from 'nats';
import { ApiClient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

describe('gateway: the HTTP edge', () => {
  let stack: Stack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ demoData: false });
    api = new ApiClient(stack.baseUrl);
  });
  afterAll(() => stack?.close());

  it('reports every service healthy over NATS', async () => {
    const response = await api.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      services: { identity: 'ok', booking: 'ok', files: 'ok', prescriptions: 'ok', consultations: 'ok' },
    });
  });

  it('answers unknown API paths with a problem+json 404', async () => {
    const response = await api.get('/api/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found', code: 'NOT_FOUND' });
    expect(typeof response.body.detail).toBe('string');
  });

  it('rejects unknown fields and lists the offending ones', async () => {
    const response = await api.post('/api/auth/login', { email: 'a@b.pl', password: 'x', isAdmin: true });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }]);
  });

  it('rejects malformed JSON as a validation problem, not a crash', async () => {
    const response = await api.call('POST', '/api/auth/login', {
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
    expect(response.status).toBe(400);
    const raw = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('sends security headers, no-store and a correlation id on API answers', async () => {
    const response = await api.call('GET', '/api/catalog/services', { headers: { 'x-correlation-id': 'trace-me-42' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-correlation-id')).toBe('trace-me-42');
  });

  it('carries the correlation id over the bus, for a request with a body as for one without', async () => {
    // A plain subscription gets a copy of every request the services' queue group answers.
    const nats: NatsConnection = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    const seen = (subject: string) =>
      new Promise<Msg>((resolve) => {
        const subscription = nats.subscribe(busSubject(subject), {
          max: 1,
          callback: (_error, message) => resolve(message),
        });
        void subscription;
      });
    try {
      const registered = seen(Subjects.identity.register);
      const listed = seen(Subjects.booking.listServices);
      await nats.flush();

      await api.call('POST', '/api/auth/register', {
        headers: { 'x-correlation-id': 'trace-post-7' },
        body: {
          email: `trace.${Date.now()}@example.test`,
          password: 'Haslo-testowe-1',
          firstName: 'Jan',
          lastName: 'Kowalski',
          acceptTerms: true,
        },
      });
      await api.call('GET', '/api/catalog/services', { headers: { 'x-correlation-id': 'trace-get-8' } });

      expect((await registered).headers?.get(BusHeader.CORRELATION_ID)).toBe('trace-post-7');
      expect((await listed).headers?.get(BusHeader.CORRELATION_ID)).toBe('trace-get-8');
    } finally {
      await nats.close();
    }
  });

  it('logs one line per answer, with its correlation id and without the query string', async () => {
    // The lines exactly as pino writes them: the root logger's destination, swapped for a collector.
    const root = PinoLogger.root as unknown as Record<symbol, unknown> & { level: string };
    const previous = { level: root.level, stream: root[pino.symbols.streamSym] };
    const lines: string[] = [];
    root.level = 'info';
    root[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
    const lineOf = (id: string) =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((fields) => fields.correlationId === id);
    try {
      const response = await api.call('GET', '/api/staff/patients?query=44051401359', {
        headers: { 'x-correlation-id': 'trace-log-9' },
      });
      expect(response.status).toBe(401);
      for (let waited = 0; !lineOf('trace-log-9') && waited < 2000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      expect(lineOf('trace-log-9')).toMatchObject({
        level: 'info',
        msg: 'request completed',
        correlationId: 'trace-log-9',
        method: 'GET',
        path: '/api/staff/patients',
        statusCode: 401,
        responseTime: expect.any(Number),
      });
      expect(lines.join('')).not.toContain('44051401359');
    } finally {
      root.level = previous.level;
      root[pino.symbols.streamSym] = previous.stream;
    }
  });

  it('replaces a correlation id that could inject into logs', async () => {
    const response = await api.call('GET', '/api/health', { headers: { 'x-correlation-id': 'bad id\twith tabs' } });
    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI document generated from the code', async () => {
    const response = await api.get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/register',
      '/api/auth/login',
      '/api/me',
      '/api/slots',
      '/api/appointments/{id}/cancel',
    ]) {
      expect(Object.keys(response.body.paths)).toContain(path);
    }
    const ui = await fetch(`${stack.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
  });
});
