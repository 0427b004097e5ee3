import { AccountLevel, ACCESS_TOKEN_DEFAULTS, ErrorCode, Role, type JwksResult } from '@pacjent/contracts';
import { FixedClock, type BusClient } from '@pacjent/platform';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { GatewayConfig } from '../config';
import { AccessTokenVerifier } from './access-token.verifier';
import { SessionRevocations } from './session-revocations';

const NOW = new Date('2026-11-25T10:00:00Z');
const SESSION = '6f1c2a4e-0b7d-4c1e-9a53-2d8e7f6a5b41';

/** Session revocations as the bus would deliver them (none unless a test adds one). */
function revocations(clock: FixedClock): SessionRevocations {
  return new SessionRevocations({} as BusClient, new GatewayConfig(), clock);
}

/** identity's key set as the bus would answer it; `keys` can be swapped to simulate rotation. */
class KeySetOnTheBus {
  keys: JWK[] = [];
  requests = 0;
  readonly client = {
    request: async () => {
      this.requests += 1;
      return { keys: this.keys } as JwksResult;
    },
  } as unknown as BusClient;
}

async function signingKey(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

function token(
  key: { privateKey: CryptoKey; jwk: JWK },
  claims: { sub: string; expiresAt: Date; level?: string; sid?: string | null },
) {
  const sid = claims.sid === undefined ? SESSION : claims.sid;
  return new SignJWT({ roles: [Role.PATIENT], level: claims.level ?? AccountLevel.BASIC, ...(sid ? { sid } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: key.jwk.kid })
    .setSubject(claims.sub)
    .setIssuer(ACCESS_TOKEN_DEFAULTS.issuer)
    .setAudience(ACCESS_TOKEN_DEFAULTS.audience)
    .setIssuedAt(Math.floor(NOW.getTime() / 1000))
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(key.privateKey);
}

describe('AccessTokenVerifier: remembering verified tokens', () => {
  let clock: FixedClock;
  let bus: KeySetOnTheBus;
  let verifier: AccessTokenVerifier;
  let key: { privateKey: CryptoKey; jwk: JWK };
  let sessions: SessionRevocations;

  beforeEach(async () => {
    clock = new FixedClock(NOW);
    bus = new KeySetOnTheBus();
    key = await signingKey('k1');
    bus.keys = [key.jwk];
    sessions = revocations(clock);
    verifier = new AccessTokenVerifier(bus.client, new GatewayConfig(), clock, sessions);
  });

  it('refuses a remembered token at once when its session is ended, and only that session', async () => {
    const ended = await token(key, { sub: 'patient-1', expiresAt: new Date(NOW.getTime() + 15 * 60_000) });
    const otherSession = await token(key, {
      sub: 'patient-1',
      expiresAt: new Date(NOW.getTime() + 15 * 60_000),
      sid: '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
    });
    expect((await verifier.verify(ended)).id).toBe('patient-1');

    sessions.add({ sid: SESSION, reason: 'logout', until: new Date(NOW.getTime() + 15 * 60_000).toISOString() });

    await expect(verifier.verify(ended)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect((await verifier.verify(otherSession)).id).toBe('patient-1');
  });

  it('forgets a revocation once every token of its session has expired', () => {
    sessions.add({ sid: SESSION, reason: 'logout', until: new Date(NOW.getTime() + 60_000).toISOString() });
    expect(sessions.isRevoked(SESSION)).toBe(true);
    clock.advance(60_000);
    expect(sessions.isRevoked(SESSION)).toBe(false);
    expect(sessions.size).toBe(0);
  });

  it('refuses a token without a session id (sid)', async () => {
    const noSession = await token(key, {
      sub: 'patient-1',
      expiresAt: new Date(NOW.getTime() + 15 * 60_000),
      sid: null,
    });
    await expect(verifier.verify(noSession)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('answers the same caller for the same token, and still the real one for another token', async () => {
    const first = await token(key, { sub: 'patient-1', expiresAt: new Date(NOW.getTime() + 15 * 60_000) });
    const second = await token(key, { sub: 'patient-2', expiresAt: new Date(NOW.getTime() + 15 * 60_000) });

    expect(await verifier.verify(first)).toEqual({ id: 'patient-1', roles: [Role.PATIENT], level: AccountLevel.BASIC });
    expect(await verifier.verify(first)).toEqual({ id: 'patient-1', roles: [Role.PATIENT], level: AccountLevel.BASIC });
    expect((await verifier.verify(second)).id).toBe('patient-2');
  });

  it('rejects a remembered token once the clock passes its expiry', async () => {
    const shortLived = await token(key, { sub: 'patient-1', expiresAt: new Date(NOW.getTime() + 60_000) });
    await verifier.verify(shortLived);

    clock.advance(60_000);

    await expect(verifier.verify(shortLived)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('does not let a token that differs from a remembered one in its signature through', async () => {
    const genuine = await token(key, { sub: 'patient-1', expiresAt: new Date(NOW.getTime() + 15 * 60_000) });
    await verifier.verify(genuine);
    const [header, payload, signature] = genuine.split('.');
    const tampered = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;

    await expect(verifier.verify(tampered)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });

  it('re-checks a remembered token once the key set is stale, so a withdrawn key stops at the next fetch', async () => {
    const config = new GatewayConfig();
    config.JWKS_CACHE_SECONDS = 5;
    verifier = new AccessTokenVerifier(bus.client, config, clock, revocations(clock));
    const signedWithOldKey = await token(key, { sub: 'patient-1', expiresAt: new Date(NOW.getTime() + 15 * 60_000) });
    await verifier.verify(signedWithOldKey);
    expect(bus.requests).toBe(1);

    // identity rotates and withdraws k1; the gateway's key set goes stale (real time: the JWKS cache uses Date.now).
    bus.keys = [(await signingKey('k2')).jwk];
    const realNow = Date.now;
    Date.now = () => realNow() + 6_000;
    try {
      await expect(verifier.verify(signedWithOldKey)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    } finally {
      Date.now = realNow;
    }
    expect(bus.requests).toBeGreaterThanOrEqual(2);
  });

  it('forgets what it verified when a token with a new key makes it refetch early, so the withdrawn key stops at once', async () => {
    const signedWithOldKey = await token(key, { sub: 'patient-1', expiresAt: new Date(NOW.getTime() + 15 * 60_000) });
    await verifier.verify(signedWithOldKey);

    // identity rotates to k2 and withdraws k1; the first k2 token makes the gateway fetch the keys again.
    const rotated = await signingKey('k2');
    bus.keys = [rotated.jwk];
    const signedWithNewKey = await token(rotated, {
      sub: 'patient-2',
      expiresAt: new Date(NOW.getTime() + 15 * 60_000),
    });
    expect((await verifier.verify(signedWithNewKey)).id).toBe('patient-2');

    await expect(verifier.verify(signedWithOldKey)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
  });
});
