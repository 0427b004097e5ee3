import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createGatewayApp } from '../../services/gateway/src/app';
import { ApiClient, newPatient, openInPersonConsultation, type ApiResponse } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/**
 * The gateway's rate limits (issue 10, item 6) with the default numbers of
 * the README, counted in the machine's real Redis. Clients are told apart by
 * X-Forwarded-For (TRUST_PROXY=true, as behind the production proxy), so each
 * test is its own set of addresses.
 */
describe('rate limits on the public and costly endpoints', () => {
  let stack: Stack;
  let secondGateway: NestFastifyApplication;
  let secondBaseUrl: string;
  let consultation: { id: string; name: string };
  let addressCounter = 0;

  beforeAll(async () => {
    Object.assign(process.env, {
      TRUST_PROXY: 'true',
      // Shared by both gateways below, and by nobody else: parallel test files never see these counters.
      RATE_LIMIT_PREFIX: `test:${process.env.BUS_PREFIX}:${randomUUID()}`,
      RATE_LIMIT_REGISTER_PER_HOUR: '10',
      RATE_LIMIT_CONTACT_PER_HOUR: '5',
      RATE_LIMIT_BANK_START_PER_HOUR: '10',
      RATE_LIMIT_SEARCH_PER_MINUTE: '120',
    });
    stack = await startStack();
    // A second replica of the gateway: same Redis, same prefix, another port.
    secondGateway = await createGatewayApp();
    await secondGateway.listen(0, '127.0.0.1');
    const address = secondGateway.getHttpServer().address();
    secondBaseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    consultation = await openInPersonConsultation(stack.baseUrl);
  });
  afterAll(async () => {
    await secondGateway?.close();
    await stack?.close();
  });

  /** A client address of its own (TEST-NET-3), as the reverse proxy would report it. */
  const newAddress = () => `203.0.113.${++addressCounter}`;
  const from = (address: string, token?: string) => ({
    'x-forwarded-for': address,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  async function request(
    baseUrl: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<ApiResponse> {
    return new ApiClient(baseUrl).call(method, path, { body, headers, token: null });
  }

  const registration = () => ({
    email: `limit.${randomUUID()}@example.test`,
    password: 'Dobre-haslo-2026',
    firstName: 'Jan',
    lastName: 'Testowy',
    acceptTerms: true,
  });
  const contactRequest = () => ({
    name: 'Jan Testowy',
    email: `contact.${randomUUID()}@example.test`,
    phone: '+48 600 100 200',
    message: 'Proszę o potwierdzenie tożsamości.',
  });

  function expectTooManyRequests(response: ApiResponse, windowSeconds: number): void {
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect(response.body.retryAfterSeconds).toBe(retryAfter);
  }

  it('refuses the 11th registration from one address in an hour, and not another address', async () => {
    const address = newAddress();
    for (let i = 0; i < 10; i++) {
      expect((await request(stack.baseUrl, 'POST', '/api/auth/register', from(address), registration())).status).toBe(
        201,
      );
    }
    const refused = await request(stack.baseUrl, 'POST', '/api/auth/register', from(address), registration());
    expectTooManyRequests(refused, 3600);
    expect(
      (await request(stack.baseUrl, 'POST', '/api/auth/register', from(newAddress()), registration())).status,
    ).toBe(201);
  });

  it('refuses the 6th contact-form request from one address in an hour', async () => {
    const address = newAddress();
    for (let i = 0; i < 5; i++) {
      const sent = await request(
        stack.baseUrl,
        'POST',
        '/api/identity/contact-requests',
        from(address),
        contactRequest(),
      );
      expect(sent.status).toBe(201);
    }
    const refused = await request(
      stack.baseUrl,
      'POST',
      '/api/identity/contact-requests',
      from(address),
      contactRequest(),
    );
    expectTooManyRequests(refused, 3600);
  });

  it('refuses the 11th bank confirmation started by one account in an hour, whatever its address', async () => {
    const patient = await newPatient(stack.baseUrl);
    const other = await newPatient(stack.baseUrl);
    for (let i = 0; i < 10; i++) {
      // The attacker changing address does not help: the account is counted.
      const started = await request(
        stack.baseUrl,
        'POST',
        '/api/identity/verification/bank',
        from(newAddress(), patient.client.accessToken),
      );
      expect(started.status).toBe(200);
      expect(started.body.authorizationUrl).toEqual(expect.any(String));
    }
    const refused = await request(
      stack.baseUrl,
      'POST',
      '/api/identity/verification/bank',
      from(newAddress(), patient.client.accessToken),
    );
    expectTooManyRequests(refused, 3600);
    const otherStarts = await request(
      stack.baseUrl,
      'POST',
      '/api/identity/verification/bank',
      from(newAddress(), other.client.accessToken),
    );
    expect(otherStarts.status).toBe(200);
  });

  it('gives slot search and the catalog one budget of 120 a minute per address, and a logged-in patient their own', async () => {
    const address = newAddress();
    const slots = `/api/slots?serviceId=${consultation.id}&limit=5`;
    const reads = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        request(stack.baseUrl, 'GET', i % 2 === 0 ? slots : '/api/catalog/cities', from(address)),
      ),
    );
    expect(reads.map((r) => r.status)).toEqual(new Array(120).fill(200));
    expectTooManyRequests(await request(stack.baseUrl, 'GET', '/api/catalog/services', from(address)), 60);
    expectTooManyRequests(await request(stack.baseUrl, 'GET', slots, from(address)), 60);

    const patient = await newPatient(stack.baseUrl);
    expect((await request(stack.baseUrl, 'GET', slots, from(address, patient.client.accessToken))).status).toBe(200);
  });

  it('shares the counters between gateway replicas', async () => {
    const address = newAddress();
    const replicas = [stack.baseUrl, secondBaseUrl];
    for (let i = 0; i < 5; i++) {
      const sent = await request(
        replicas[i % 2]!,
        'POST',
        '/api/identity/contact-requests',
        from(address),
        contactRequest(),
      );
      expect(sent.status).toBe(201);
    }
    for (const replica of replicas) {
      expectTooManyRequests(
        await request(replica, 'POST', '/api/identity/contact-requests', from(address), contactRequest()),
        3600,
      );
    }
  });

  it('does not throttle one patient using the portal as people do', async () => {
    const address = newAddress();
    const registered = await request(stack.baseUrl, 'POST', '/api/auth/register', from(address), {
      ...registration(),
      email: `normal.${randomUUID()}@example.test`,
    });
    expect(registered.status).toBe(201);
    const patient = await newPatient(stack.baseUrl);
    const token = patient.client.accessToken;
    const statuses: number[] = [];
    // A long evening of looking for a visit: the catalog pages and 60 searches with changing filters.
    for (const path of [
      '/api/catalog/cities',
      '/api/catalog/services',
      '/api/catalog/facilities',
      '/api/catalog/doctors',
    ]) {
      statuses.push((await request(stack.baseUrl, 'GET', path, from(address, token))).status);
    }
    for (let i = 0; i < 60; i++) {
      const path = `/api/slots?serviceId=${consultation.id}&limit=${10 + i}`;
      statuses.push((await request(stack.baseUrl, 'GET', path, from(address, token))).status);
    }
    // Three tries at the bank (a typo, a closed tab, a success) and a question to the staff.
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await request(stack.baseUrl, 'POST', '/api/identity/verification/bank', from(address, token))).status,
      );
    }
    statuses.push(
      (await request(stack.baseUrl, 'POST', '/api/identity/contact-requests', from(address), contactRequest())).status,
    );
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200, 201]));
  });

  it('documents the 429 of every limited endpoint in the OpenAPI document', async () => {
    const paths = (await new ApiClient(stack.baseUrl).get('/api/docs-json')).body.paths;
    for (const [path, method] of [
      ['/api/auth/register', 'post'],
      ['/api/identity/contact-requests', 'post'],
      ['/api/identity/verification/bank', 'post'],
      ['/api/slots', 'get'],
      ['/api/catalog/services', 'get'],
    ] as const) {
      expect(paths[path][method].responses['429'].description).toMatch(/TOO_MANY_REQUESTS.*Retry-After/);
    }
    expect(paths['/api/auth/login'].post.responses['429']).toBeUndefined();
  });

  it('does not start without Redis: a gateway without shared counters would not limit anything', async () => {
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    try {
      await expect(createGatewayApp()).rejects.toMatchObject({ code: 'REDIS_UNREACHABLE' });
    } finally {
      process.env.REDIS_URL = previous;
    }
  });
});
