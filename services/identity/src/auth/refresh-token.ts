import { createHash, randomBytes } from 'node:crypto';

/** A refresh token as the client holds it, and the only form the database keeps. */
export interface RefreshTokenPair {
  token: string;
  hash: string;
}

/** 32 random bytes, base64url (43 characters). */
export function newRefreshToken(): RefreshTokenPair {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/** SHA-256, hex. A plain hash suffices: the token is random, not a password. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
