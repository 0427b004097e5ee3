import type { INestMicroservice } from '@nestjs/common';
import {
  ErrorCode,
  Subjects,
  type JwksResult,
  type LoginDto,
  type RegisterResult,
  type TokenResult,
} from '@pacjent/contracts';
import { Clock, FixedClock, type BusClient } from '@pacjent/platform';
import { createTestDatabase, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityDefinition } from '../app';
import { throttleKey } from './login-throttle';

const PASSWORD = 'Bardzo-tajne-haslo-1';

describe('login (identity over the bus)', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startTestService(IdentityDefinition, [{ provide: Clock, useValue: clock }]);
    bus = await testBusClient();
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const newAccount = async (): Promise<{ id: string; email: string }> => {
    const email = `pacjent.${randomUUID().slice(0, 8)}@example.com`;
    const data = { email, password: PASSWORD, firstName: 'Jan', lastName: 'Kowalski', acceptTerms: true };
    const { id } = await bus.request<RegisterResult>(Subjects.identity.register, { actor: null, data });
    return { id, email };
  };
  const login = (data: LoginDto, clientIp: string) =>
    bus.request<TokenResult>(Subjects.identity.login, { actor: null, data, clientIp });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );
  const jwks = () => bus.request<JwksResult>(Subjects.identity.jwks, { actor: null, data: {} });

  it('signs an ES256 access token for 15 minutes that verifies against the published keys', async () => {
    const { id, email } = await newAccount();
    const tokens = await login({ email: email.toUpperCase(), password: PASSWORD }, newIp());

    expect(tokens.expiresIn).toBe(900);
    expect(tokens.refreshExpiresIn).toBe(30 * 24 * 3600);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const keySet = await jwks();
    const header = decodeProtectedHeader(tokens.accessToken);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(keySet.keys).toContainEqual(
      expect.objectContaining({ kid: header.kid, alg: 'ES256', use: 'sig', kty: 'EC' }),
    );
    expect(keySet.keys.every((key) => !('d' in key))).toBe(true);

    const { payload } = await jwtVerify(tokens.accessToken, createLocalJWKSet(keySet as JSONWebKeySet), {
      issuer: 'pacjent-identity',
      audience: 'pacjent',
      algorithms: ['ES256'],
      currentDate: clock.now(),
    });
    expect(payload).toMatchObject({ sub: id, roles: ['patient'], level: 'basic' });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.iat).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(payload.exp! - payload.iat!).toBe(900);

    const later = new Date(clock.now().getTime() + 901_000);
    await expect(
      jwtVerify(tokens.accessToken, createLocalJWKSet(keySet as JSONWebKeySet), { currentDate: later }),
    ).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('answers a wrong password and an unknown email in exactly the same way', async () => {
    const { email } = await newAccount();
    const wrongPassword = await failure(login({ email, password: 'Inne-haslo-12345' }, newIp()));
    const unknownEmail = await failure(
      login({ email: `nikt.${randomUUID()}@example.com`, password: PASSWORD }, newIp()),
    );
    expect(wrongPassword).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS });
    expect(unknownEmail).toEqual(wrongPassword);
    expect({ ...(unknownEmail as object) }).toEqual({ ...(wrongPassword as object) });
  });

  it('locks an account after 5 failures, even for the right password, until the window ends', async () => {
    const { email } = await newAccount();
    const ip = newIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await failure(login({ email, password: `Zle-haslo-${attempt}xx` }, ip))).toMatchObject({
        code: ErrorCode.INVALID_CREDENTIALS,
      });
    }
    clock.advance(60_000);
    const locked = await failure(login({ email, password: PASSWORD }, newIp()));
    expect(locked).toMatchObject({ code: ErrorCode.TOO_MANY_ATTEMPTS, details: { retryAfterSeconds: 840 } });

    clock.advance(840_000);
    await expect(login({ email, password: PASSWORD }, ip)).resolves.toHaveProperty('accessToken');
  });

  it('locks an unknown email the same way, so locking reveals nothing', async () => {
    const email = `nikt.${randomUUID()}@example.com`;
    for (let attempt = 1; attempt <= 5; attempt++) await failure(login({ email, password: PASSWORD }, newIp()));
    expect(await failure(login({ email, password: PASSWORD }, newIp()))).toMatchObject({
      code: ErrorCode.TOO_MANY_ATTEMPTS,
      details: { retryAfterSeconds: 900 },
    });
  });

  it('forgets an account’s failures after a successful login', async () => {
    const { email } = await newAccount();
    const ip = newIp();
    for (let round = 0; round < 2; round++) {
      for (let attempt = 1; attempt <= 4; attempt++) await failure(login({ email, password: 'Zle-haslo-123' }, ip));
      await expect(login({ email, password: PASSWORD }, ip)).resolves.toHaveProperty('accessToken');
    }
  });

  it('counts parallel guesses in the database: a burst cannot get past the limit', async () => {
    const { email } = await newAccount();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => failure(login({ email, password: 'Zle-haslo-123' }, newIp()))),
    );
    const codes = results.map((error) => (error as { code: string }).code);
    expect(codes.filter((code) => code === ErrorCode.INVALID_CREDENTIALS)).toHaveLength(5);
    expect(codes.filter((code) => code === ErrorCode.TOO_MANY_ATTEMPTS)).toHaveLength(7);
  });

  it('refuses a client IP after 30 failures in a minute (any emails), even a right password, until the minute ends', async () => {
    const { email } = await newAccount();
    const ip = newIp();
    for (let attempt = 1; attempt <= 30; attempt++) {
      const guess = { email: `nikt.${attempt}.${randomUUID()}@example.com`, password: PASSWORD };
      expect(await failure(login(guess, ip))).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS });
    }
    clock.advance(20_000);
    expect(await failure(login({ email, password: PASSWORD }, ip))).toMatchObject({
      code: ErrorCode.TOO_MANY_ATTEMPTS,
      details: { retryAfterSeconds: 40 },
    });
    await expect(login({ email, password: PASSWORD }, newIp())).resolves.toHaveProperty('accessToken');

    clock.advance(40_000);
    await expect(login({ email, password: PASSWORD }, ip)).resolves.toHaveProperty('accessToken');
  });

  it('never throttles successful logins: many from one IP leave its failure limit untouched', async () => {
    const { email } = await newAccount();
    const ip = newIp();
    for (let attempt = 1; attempt <= 35; attempt++) {
      await expect(login({ email, password: PASSWORD }, ip)).resolves.toHaveProperty('accessToken');
    }
    for (let attempt = 1; attempt <= 30; attempt++) {
      const guess = { email: `nikt.${attempt}.${randomUUID()}@example.com`, password: PASSWORD };
      expect(await failure(login(guess, ip))).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS });
    }
    expect(await failure(login({ email, password: PASSWORD }, ip))).toMatchObject({
      code: ErrorCode.TOO_MANY_ATTEMPTS,
    });
  });

  it('never throttles parallel successful logins of one account, and leaves nothing counted behind', async () => {
    const { email } = await newAccount();
    const ip = newIp();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => failure(login({ email, password: PASSWORD }, ip))),
    );
    expect(results).toEqual(Array.from({ length: 12 }, () => null));

    const counters = await service
      .get(DataSource)
      .query('SELECT failures, pending FROM "identity"."login_throttle" WHERE key = ANY($1)', [
        [throttleKey('account', email), throttleKey('ip', ip)],
      ]);
    expect(counters).toEqual([
      { failures: 0, pending: 0 },
      { failures: 0, pending: 0 },
    ]);
  });

  it('refuses unknown fields and a missing password', async () => {
    const { email } = await newAccount();
    await expect(
      bus.request(Subjects.identity.login, { actor: null, data: { email, password: PASSWORD, remember: true } }),
    ).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(bus.request(Subjects.identity.login, { actor: null, data: { email } })).rejects.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });
});
