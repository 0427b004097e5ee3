import { Injectable, Logger } from '@nestjs/common';
import { AccountLevel, DomainError, ErrorCode, Role, Subjects, type Actor, type JwksResult } from '@pacjent/contracts';
import { BusClient, Clock } from '@pacjent/platform';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { GatewayConfig } from '../config';
import { SessionRevocations } from './session-revocations';

const ALLOWED_ALGORITHMS = ['ES256', 'EdDSA'];
/** After a token names an unknown key, wait this long before asking identity again. */
const UNKNOWN_KEY_REFETCH_COOLDOWN_MS = 10_000;

/** Verified tokens remembered at once; a patient's token is ~1 KB, so this is a few MB at most. */
const VERIFIED_TOKENS_CACHED = 10_000;

const ROLES = new Set<string>(Object.values(Role));
const LEVELS = new Set<string>(Object.values(AccountLevel));

interface VerifiedToken {
  actor: Actor;
  /** The session the token belongs to (`sid`). */
  sessionId: string;
  expiresAtMs: number;
}

/**
 * Verifies access tokens locally with identity's public keys. The key set is
 * fetched over the bus and cached; a token signed with a key we have not seen
 * (rotation) triggers one early refetch, so rotation needs no restart.
 *
 * A token that passed once is remembered with its caller until it expires, so
 * the next requests with the very same token skip the signature check (the
 * costliest step of an authenticated read). Only the exact token string hits;
 * expiry is checked against the clock on every use; and the memory is dropped
 * whenever the key set is fetched again, so a key identity withdrew stops
 * being honoured exactly when it would without the memory.
 *
 * Either way, a token whose session (`sid`) identity has ended — logout, a
 * reused refresh token — is refused from the moment the revocation arrives
 * (SessionRevocations), remembered or not.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly logger = new Logger(AccessTokenVerifier.name);
  private keySet?: { jwks: ReturnType<typeof createLocalJWKSet>; fetchedAt: number };
  private inflight?: Promise<ReturnType<typeof createLocalJWKSet>>;
  private lastUnknownKeyRefetch = 0;
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS_CACHED });

  constructor(
    private readonly bus: BusClient,
    private readonly config: GatewayConfig,
    private readonly clock: Clock,
    private readonly revocations: SessionRevocations,
  ) {}

  async verify(token: string): Promise<Actor> {
    return (await this.verifyWithExpiry(token)).actor;
  }

  /** The caller and when the token expires (the real-time edge closes the socket then unless re-authenticated). */
  async verifyWithExpiry(token: string): Promise<{ actor: Actor; expiresAtMs: number }> {
    const remembered = this.verified.get(token);
    if (remembered && remembered.expiresAtMs > this.clock.now().getTime() && this.keysAreFresh()) {
      return this.unlessEnded(remembered);
    }
    const payload = await this.verifySignature(token);
    const actor = toActor(payload);
    // toActor has checked that the required `sid` is a string.
    const sessionId = payload.sid as string;
    // jose has checked that the required `exp` is a number in the future.
    const verified = { actor, sessionId, expiresAtMs: (payload.exp as number) * 1000 };
    this.verified.set(token, verified);
    return this.unlessEnded(verified);
  }

  private unlessEnded(verified: VerifiedToken): VerifiedToken {
    if (this.revocations.isRevoked(verified.sessionId)) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The session has ended. Sign in again.');
    }
    return verified;
  }

  private async verifySignature(token: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      payload = await this.verifyWith(await this.currentKeys(), token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || !this.mayRefetchForUnknownKey())
        throw unauthenticated(error);
      try {
        payload = await this.verifyWith(await this.currentKeys(true), token);
      } catch (retryError) {
        throw unauthenticated(retryError);
      }
    }
    return payload;
  }

  private verifyWith(jwks: ReturnType<typeof createLocalJWKSet>, token: string): Promise<JWTPayload> {
    return jwtVerify(token, jwks, {
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      algorithms: ALLOWED_ALGORITHMS,
      currentDate: this.clock.now(),
      requiredClaims: ['sub', 'exp', 'iat', 'sid'],
    }).then((result) => result.payload);
  }

  private mayRefetchForUnknownKey(): boolean {
    const now = Date.now();
    if (now - this.lastUnknownKeyRefetch < UNKNOWN_KEY_REFETCH_COOLDOWN_MS) return false;
    this.lastUnknownKeyRefetch = now;
    return true;
  }

  private keysAreFresh(): boolean {
    return this.keySet !== undefined && Date.now() - this.keySet.fetchedAt < this.config.JWKS_CACHE_SECONDS * 1000;
  }

  private async currentKeys(force = false): Promise<ReturnType<typeof createLocalJWKSet>> {
    if (this.keysAreFresh() && !force) return this.keySet!.jwks;
    this.inflight ??= this.fetchKeys().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async fetchKeys(): Promise<ReturnType<typeof createLocalJWKSet>> {
    const result = await this.bus.request<JwksResult>(Subjects.identity.jwks, { actor: null, data: {} });
    const jwks = createLocalJWKSet(result as JSONWebKeySet);
    this.keySet = { jwks, fetchedAt: Date.now() };
    this.verified.clear();
    this.logger.log({ keys: result.keys.length }, 'fetched identity public keys');
    return jwks;
  }
}

function unauthenticated(cause: unknown): DomainError {
  if (cause instanceof DomainError && cause.code !== ErrorCode.UNAUTHENTICATED) return cause; // identity unreachable
  const expired = cause instanceof joseErrors.JWTExpired;
  return new DomainError(
    ErrorCode.UNAUTHENTICATED,
    expired ? 'The access token has expired.' : 'The access token is not valid.',
  );
}

function toActor(payload: JWTPayload): Actor {
  const roles = payload.roles;
  const level = payload.level;
  if (
    typeof payload.sub !== 'string' ||
    typeof payload.sid !== 'string' ||
    !Array.isArray(roles) ||
    !roles.every((role) => typeof role === 'string' && ROLES.has(role)) ||
    typeof level !== 'string' ||
    !LEVELS.has(level)
  ) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid.');
  }
  return { id: payload.sub, roles: roles as Role[], level: level as AccountLevel };
}
