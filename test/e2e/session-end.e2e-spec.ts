import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeJwt } from 'jose';
import type { NatsConnection } from 'nats';
import { Client } from 'pg';
import { createGatewayApp } from '../../services/gateway/src/app';
import { SessionRevocations } from '../../services/gateway/src/auth/session-revocations';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/** Polls `check` until it holds or the deadline passes (then fails with what it saw last). */
async function eventually(what: string, check: () => Promise<boolean>, deadlineMs = 5000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`still not true after ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ending a session ends its access at once, on every gateway replica', () => {
  let stack: Stack;
  const extraGateways: NestFastifyApplication[] = [];
  let secondUrl: string;

  /** Another gateway replica in this process: same bus prefix, same identity, its own port and token cache. */
  async function startGateway(): Promise<string> {
    const gateway = await createGatewayApp();
    extraGateways.push(gateway);
    await gateway.listen(0, '127.0.0.1');
    const address = gateway.getHttpServer().address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  beforeAll(async () => {
    stack = await startStack({ demoData: false });
    secondUrl = await startGateway();
  });
  afterAll(async () => {
    for (const gateway of extraGateways) await gateway.close();
    await stack?.close();
  });

  const meStatus = (baseUrl: string, token: string) =>
    new ApiClient(baseUrl).get('/api/me', token).then((response) => response.status);

  async function expectRefusedEverywhere(token: string, urls: string[]): Promise<void> {
    for (const url of urls) {
      await eventually(`${url}/api/me refuses the token`, async () => (await meStatus(url, token)) === 401);
      const refused = await new ApiClient(url).get('/api/me', token);
      expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  }

  it('logout through gateway 1 ends the access token on gateway 1 and gateway 2, not other sessions', async () => {
    const { client, email, password } = await newPatient(stack.baseUrl);
    const token = client.accessToken!;
    expect(decodeJwt(token).sid).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    const otherSession = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email, password });
    expect(decodeJwt(otherSession.body.accessToken).sid).not.toBe(decodeJwt(token).sid);
    // Both replicas have verified (and cached) the token.
    expect(await meStatus(stack.baseUrl, token)).toBe(200);
    expect(await meStatus(secondUrl, token)).toBe(200);

    expect((await client.post('/api/auth/logout')).status).toBe(204);

    await expectRefusedEverywhere(token, [stack.baseUrl, secondUrl]);
    expect(await meStatus(stack.baseUrl, otherSession.body.accessToken)).toBe(200);
    expect(await meStatus(secondUrl, otherSession.body.accessToken)).toBe(200);
  });

  it('a reused refresh token revokes its family: every access token of that session stops on both gateways', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const firstToken = client.accessToken!;
    const firstRefresh = client.cookie('pacjent_refresh')!;
    const rotated = await client.post('/api/auth/refresh');
    expect(rotated.status).toBe(200);
    const secondToken = rotated.body.accessToken as string;
    expect(decodeJwt(secondToken).sid).toBe(decodeJwt(firstToken).sid);
    expect(await meStatus(secondUrl, secondToken)).toBe(200);

    // Someone replays the refresh token that was already used (it leaked).
    const thief = new ApiClient(secondUrl);
    thief.setCookie('pacjent_refresh', firstRefresh);
    const replay = await thief.post('/api/auth/refresh');
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_REFRESH_TOKEN');

    await expectRefusedEverywhere(firstToken, [stack.baseUrl, secondUrl]);
    await expectRefusedEverywhere(secondToken, [stack.baseUrl, secondUrl]);
  });

  it('a gateway replica started after the logout refuses the token from its first request', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const token = client.accessToken!;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    await expectRefusedEverywhere(token, [stack.baseUrl]);

    const lateUrl = await startGateway();
    expect(await meStatus(lateUrl, token)).toBe(401);
  });
  it('a replica that missed a revocation (never published) learns it when its NATS connection comes back', async () => {
    const { client } = await newPatient(stack.baseUrl);
    const token = client.accessToken!;
    expect(await meStatus(secondUrl, token)).toBe(200);

    // The session ends in identity's database only, as if identity's publish had been lost.
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    try {
      await db.query('UPDATE "identity"."refresh_tokens" SET "revoked_at" = now() WHERE "family_id" = $1', [
        decodeJwt(token).sid,
      ]);
    } finally {
      await db.end();
    }
    expect(await meStatus(secondUrl, token)).toBe(200); // nothing told gateway 2 yet

    // Gateway 2's revocation connection drops and reconnects (its own, private NATS connection).
    const revocations = extraGateways[0]!.get(SessionRevocations) as unknown as { connection: NatsConnection };
    await revocations.connection.reconnect();

    await expectRefusedEverywhere(token, [secondUrl]);
  });
});
