import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects, type RegisterResult, type TokenResult } from '@pacjent/contracts';
import { Clock, FixedClock, type BusClient } from '@pacjent/platform';
import { createTestDatabase, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { decodeJwt } from 'jose';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityDefinition } from '../app';
import { ExpiredRecordsJob } from './expired-records.job';
import { hashRefreshToken } from './refresh-token';

const PASSWORD = 'Bardzo-tajne-haslo-1';
const DAY = 24 * 3600 * 1000;

describe('refresh and logout (identity over the bus)', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;
  let db: DataSource;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startTestService(IdentityDefinition, [{ provide: Clock, useValue: clock }]);
    bus = await testBusClient();
    db = service.get(DataSource);
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const signIn = async (): Promise<TokenResult & { id: string }> => {
    const email = `pacjent.${randomUUID().slice(0, 8)}@example.com`;
    const data = { email, password: PASSWORD, firstName: 'Jan', lastName: 'Kowalski', acceptTerms: true };
    const { id } = await bus.request<RegisterResult>(Subjects.identity.register, { actor: null, data });
    const clientIp = `10.1.${randomInt(256)}.${randomInt(1, 255)}`;
    const tokens = await bus.request<TokenResult>(Subjects.identity.login, {
      actor: null,
      data: { email, password: PASSWORD },
      clientIp,
    });
    return { ...tokens, id };
  };
  const refresh = (refreshToken: string) =>
    bus.request<TokenResult>(Subjects.identity.refresh, { actor: null, data: { refreshToken } });
  const logout = (refreshToken: string) =>
    bus.request<Record<string, never>>(Subjects.identity.logout, { actor: null, data: { refreshToken } });
  const invalid = { code: ErrorCode.INVALID_REFRESH_TOKEN };

  it('keeps only hashes of refresh tokens', async () => {
    const tokens = await signIn();
    const rows: Array<{ token_hash: string }> = await db.query(
      'SELECT token_hash FROM "identity"."refresh_tokens" WHERE account_id = $1',
      [tokens.id],
    );
    expect(rows).toEqual([{ token_hash: hashRefreshToken(tokens.refreshToken) }]);
  });

  it('exchanges a refresh token for new tokens, once', async () => {
    const first = await signIn();
    clock.advance(60_000);
    const second = await refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.expiresIn).toBe(900);
    expect(decodeJwt(second.accessToken)).toMatchObject({ sub: first.id, roles: ['patient'], level: 'basic' });
    expect(decodeJwt(second.accessToken).jti).not.toBe(decodeJwt(first.accessToken).jti);

    const third = await refresh(second.refreshToken);
    expect(decodeJwt(third.accessToken).sub).toBe(first.id);
  });

  it('treats a used token presented again as stolen: refuses it and ends the whole session', async () => {
    const first = await signIn();
    const second = await refresh(first.refreshToken);

    await expect(refresh(first.refreshToken)).rejects.toMatchObject(invalid);
    await expect(refresh(second.refreshToken)).rejects.toMatchObject(invalid);
  });

  it('lets exactly one of two simultaneous refreshes with the same token win', async () => {
    const first = await signIn();
    const results = await Promise.allSettled([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    // The loser presented a used token, so the winner's session is revoked as well.
    const winner = results.find((r) => r.status === 'fulfilled')!.value;
    await expect(refresh(winner.refreshToken)).rejects.toMatchObject(invalid);
  });

  it('puts the account’s current roles and level into refreshed access tokens', async () => {
    const first = await signIn();
    await db.query(`UPDATE "identity"."accounts" SET roles = '{patient,doctor}', level = 'full' WHERE id = $1`, [
      first.id,
    ]);
    const second = await refresh(first.refreshToken);
    expect(decodeJwt(second.accessToken)).toMatchObject({ roles: ['patient', 'doctor'], level: 'full' });
  });

  it('refuses a refresh token after its 30 days, and one it never issued', async () => {
    const first = await signIn();
    clock.advance(30 * DAY);
    await expect(refresh(first.refreshToken)).rejects.toMatchObject(invalid);

    await expect(refresh('x'.repeat(43))).rejects.toMatchObject(invalid);
  });

  it('gives each refreshed token 30 days of its own', async () => {
    const first = await signIn();
    clock.advance(29 * DAY);
    const second = await refresh(first.refreshToken);
    clock.advance(29 * DAY);
    await expect(refresh(second.refreshToken)).resolves.toHaveProperty('accessToken');
  });

  it('logs out: the session’s tokens stop working; logging out again or with an unknown token is fine', async () => {
    const first = await signIn();
    const second = await refresh(first.refreshToken);
    const other = await signIn();

    await expect(logout(first.refreshToken)).resolves.toEqual({});
    await expect(refresh(second.refreshToken)).rejects.toMatchObject(invalid);
    await expect(logout(second.refreshToken)).resolves.toEqual({});
    await expect(logout('never-issued-token')).resolves.toEqual({});

    await expect(refresh(other.refreshToken)).resolves.toHaveProperty('accessToken');
  });

  it('refuses a malformed payload', async () => {
    await expect(
      bus.request(Subjects.identity.refresh, { actor: null, data: { refreshToken: '' } }),
    ).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(bus.request(Subjects.identity.logout, { actor: null, data: {} })).rejects.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it('clears expired refresh tokens and finished throttle windows', async () => {
    const live = await signIn();
    clock.advance(31 * DAY);
    const fresh = await signIn();
    const deleted = await service.get(ExpiredRecordsJob).run();
    expect(deleted.refreshTokens).toBeGreaterThan(0);
    expect(deleted.throttleWindows).toBeGreaterThan(0);

    const [left] = await db.query(
      `SELECT (SELECT count(*)::int FROM "identity"."refresh_tokens" WHERE expires_at <= $1) AS tokens,
              (SELECT count(*)::int FROM "identity"."login_throttle" WHERE window_ends_at <= $1) AS windows`,
      [clock.now()],
    );
    expect(left).toEqual({ tokens: 0, windows: 0 });
    await expect(refresh(fresh.refreshToken)).resolves.toHaveProperty('accessToken');
    await expect(refresh(live.refreshToken)).rejects.toMatchObject(invalid);
  });
});
