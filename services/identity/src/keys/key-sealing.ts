import type { JWK } from 'jose';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Private signing keys at rest: the JWK sealed with AES-256-GCM under
 * KEYS_ENCRYPTION_KEY (from the environment), with the key's kid as
 * additional authenticated data, so a sealed key cannot be moved to another
 * row. What the `private_jwk` column holds.
 */
export interface SealedJwk {
  /** The envelope's format: AES-256-GCM, 96-bit random nonce, 128-bit tag, base64url fields. */
  sealed: 'A256GCM';
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Development and tests only: the configuration refuses it when NODE_ENV=production. */
export const DEV_KEYS_ENCRYPTION_KEY = 'Vsq3yf/D73n5dMxuX2yLpzM3KYQsEY5qMSy5pCaKTLQ=';

/** KEYS_ENCRYPTION_KEY as 32 bytes: base64 (or base64url) of 32 random bytes, e.g. `openssl rand -base64 32`. */
export function encryptionKeyBytes(value: string): Buffer | null {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 && /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? bytes : null;
}

export function isSealed(value: unknown): value is SealedJwk {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 'A256GCM';
}

export function sealJwk(jwk: JWK, key: Buffer, kid: string): SealedJwk {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(kid, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
  return {
    sealed: 'A256GCM',
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
  };
}

/** The JWK; throws when the key is wrong or the envelope (or its kid) was tampered with. */
export function openJwk(sealed: SealedJwk, key: Buffer, kid: string): JWK {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
  decipher.setAAD(Buffer.from(kid, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as JWK;
}
