import type { INestMicroservice } from '@nestjs/common';
import { Subjects, type JwksResult, type RegisterResult, type TokenResult } from '@pacjent/contracts';
import type { BusClient } from '@pacjent/platform';
import { createTestDatabase, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityDefinition } from '../app';
import { SigningKeysService } from './signing-keys.service';

const PASSWORD = 'Bardzo-tajne-haslo-1';

describe('signing keys and the JWKS (identity over the bus)', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;
  let db: DataSource;
  let keys: SigningKeysService;
  let email: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startTestService(IdentityDefinition);
    bus = await testBusClient();
    db = service.get(DataSource);
    keys = service.get(SigningKeysService);
    email = `pacjent.${randomUUID().slice(0, 8)}@example.com`;
    const data = { email, password: PASSWORD, firstName: 'Jan', lastName: 'Kowalski', acceptTerms: true };
    await bus.request<RegisterResult>(Subjects.identity.register, { actor: null, data });
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const jwks = () => bus.request<JwksResult>(Subjects.identity.jwks, { actor: null, data: {} });
  const login = async () =>
    (await bus.request<TokenResult>(Subjects.identity.login, { actor: null, data: { email, password: PASSWORD } }))
      .accessToken;
  const verify = async (token: string) =>
    (await jwtVerify(token, createLocalJWKSet((await jwks()) as JSONWebKeySet), { algorithms: ['ES256'] })).payload;

  it('publishes one public ES256 key after the first start, without private parts', async () => {
    const { keys: published } = await jwks();
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String),
      y: expect.any(String),
      kid: expect.any(String),
      alg: 'ES256',
      use: 'sig',
    });
  });

  it('rotates: new tokens carry the new key, tokens signed before still verify until the old key is retired', async () => {
    const before = await login();
    const oldKid = decodeProtectedHeader(before).kid!;

    const newKid = await keys.rotate();
    expect(newKid).not.toBe(oldKid);
    expect((await jwks()).keys.map((key) => key.kid)).toEqual([newKid, oldKid]);

    const after = await login();
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    await expect(verify(after)).resolves.toHaveProperty('sub');
    await expect(verify(before)).resolves.toHaveProperty('sub');

    await expect(keys.retire(oldKid)).resolves.toBe(true);
    expect((await jwks()).keys.map((key) => key.kid)).toEqual([newKid]);
    await expect(verify(before)).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    await expect(verify(after)).resolves.toHaveProperty('sub');
  });

  it('never retires the key that signs now', async () => {
    const [active] = (await jwks()).keys;
    await expect(keys.retire(active!.kid as string)).resolves.toBe(false);
    expect((await jwks()).keys).toHaveLength(1);
  });

  it('creates exactly one first key when replicas start together', async () => {
    await db.query('DELETE FROM "identity"."signing_keys"');
    await Promise.all(Array.from({ length: 5 }, () => keys.onApplicationBootstrap()));
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM "identity"."signing_keys"');
    expect(count).toBe(1);
  });

  it('shares keys between replicas: a second instance signs with the same key and publishes the same set', async () => {
    const before = await jwks();
    const replica = await startTestService(IdentityDefinition);
    try {
      const tokens = await Promise.all(Array.from({ length: 6 }, () => login()));
      for (const token of tokens) expect(decodeProtectedHeader(token).kid).toBe(before.keys[0]!.kid);
      expect(await jwks()).toEqual(before);
    } finally {
      await replica.close();
    }
  });

  const storedKeys = () =>
    db.query<Array<{ kid: string; private_jwk: Record<string, unknown>; text: string }>>(
      'SELECT "kid", "private_jwk", "private_jwk"::text AS text FROM "identity"."signing_keys" ORDER BY "id"',
    );

  it('stores private keys sealed (AES-256-GCM), never as a JWK, and the tokens they sign verify', async () => {
    await keys.rotate();
    const token = await login();
    const rows = await storedKeys();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Object.keys(row.private_jwk).sort()).toEqual(['ciphertext', 'iv', 'sealed', 'tag']);
      expect(row.private_jwk.sealed).toBe('A256GCM');
      expect(row.text).not.toMatch(/"(kty|crv|d|x|y)"/);
    }
    await expect(verify(token)).resolves.toHaveProperty('sub');
  });

  it('seals a key an older version stored in the clear when the service starts, and it goes on signing', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await db.query(
      `INSERT INTO "identity"."signing_keys" ("kid", "algorithm", "public_jwk", "private_jwk", "created_at")
       VALUES ($1, 'ES256', $2, $3, now())`,
      [kid, JSON.stringify(publicJwk), JSON.stringify(await exportJWK(privateKey))],
    );
    expect((await storedKeys()).find((row) => row.kid === kid)!.text).toMatch(/"d"/);

    await keys.onApplicationBootstrap(); // what a restarted replica does
    const row = (await storedKeys()).find((stored) => stored.kid === kid)!;
    expect(row.private_jwk.sealed).toBe('A256GCM');
    expect(row.text).not.toMatch(/"d"/);

    const token = await login();
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    await expect(verify(token)).resolves.toHaveProperty('sub');
    // A second start finds nothing left to seal.
    await expect(keys.sealUnsealedKeys()).resolves.toBe(0);
  });
});
