import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

/**
 * Ways the bank can be told to misbehave, one per OpenID Foundation relying-party
 * certification test it stands for. Test-only: switched on through
 * `MockBank.misbehave()` in-process or the admin endpoint that exists only when
 * MOCK_BANK_TEST_CONTROLS=true.
 */
export const Misbehaviours = [
  'none',
  'wrong_issuer',
  'wrong_audience',
  'bad_signature',
  'alg_none',
  'wrong_nonce',
  'expired',
  'missing_sub',
  'rotated_key',
] as const;
export type Misbehaviour = (typeof Misbehaviours)[number];

export function isMisbehaviour(value: unknown): value is Misbehaviour {
  return typeof value === 'string' && (Misbehaviours as readonly string[]).includes(value);
}

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  sign(payload: JWTPayload, kid?: string): Promise<string>;
}

/** A fresh RS256 key pair, exported as JWKs (the provider takes the private one). */
export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    privateJwk,
    publicJwk,
    sign: (payload, signingKid = kid) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signingKid }).sign(privateKey),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Rewrites a correctly issued ID token the way `mode` says. `rotated` is the key
 * that replaced the provider's own (published in the JWKS instead of it).
 */
export async function misbehave(
  idToken: string,
  mode: Misbehaviour,
  own: SigningKey,
  rotated: SigningKey,
): Promise<string> {
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  switch (mode) {
    case 'none':
      return idToken;
    case 'wrong_issuer':
      return own.sign({ ...claims, iss: 'https://bank.example.invalid' });
    case 'wrong_audience':
      return own.sign({ ...claims, aud: 'another-client' });
    case 'bad_signature': {
      const [header, payload, signature] = idToken.split('.') as [string, string, string];
      const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
      return `${header}.${payload}.${flipped}`;
    }
    case 'alg_none': {
      const { kid } = decodeProtectedHeader(idToken);
      return `${base64url({ alg: 'none', kid })}.${base64url(claims)}.`;
    }
    case 'wrong_nonce':
      return own.sign({ ...claims, nonce: randomUUID() });
    case 'expired':
      return own.sign({ ...claims, iat: now - 7200, exp: now - 3600 });
    case 'missing_sub': {
      const { sub: _sub, ...rest } = claims;
      return own.sign(rest);
    }
    case 'rotated_key':
      return rotated.sign(claims);
  }
}
