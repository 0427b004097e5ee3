import { ConfigError, loadConfig } from '@pacjent/platform';
import { randomBytes } from 'node:crypto';
import { IdentityConfig } from '../config';
import { DEV_KEYS_ENCRYPTION_KEY, encryptionKeyBytes, openJwk, sealJwk } from './key-sealing';

const JWK = { kty: 'EC', crv: 'P-256', x: 'x-part', y: 'y-part', d: 'the-private-part' };

describe('signing keys sealed at rest', () => {
  const key = randomBytes(32);

  it('seals a JWK so that nothing of it shows, and opens it again with the same key and kid', () => {
    const sealed = sealJwk(JWK, key, 'kid-1');
    expect(JSON.stringify(sealed)).not.toContain('the-private-part');
    expect(JSON.stringify(sealed)).not.toContain('kty');
    expect(openJwk(sealed, key, 'kid-1')).toEqual(JWK);
    // a fresh nonce each time
    expect(sealJwk(JWK, key, 'kid-1').ciphertext).not.toBe(sealed.ciphertext);
  });

  it('refuses another key, another kid (a sealed key moved to another row) and a changed ciphertext', () => {
    const sealed = sealJwk(JWK, key, 'kid-1');
    expect(() => openJwk(sealed, randomBytes(32), 'kid-1')).toThrow();
    expect(() => openJwk(sealed, key, 'kid-2')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64url');
    flipped[0] ^= 1;
    expect(() => openJwk({ ...sealed, ciphertext: flipped.toString('base64url') }, key, 'kid-1')).toThrow();
  });

  it('takes KEYS_ENCRYPTION_KEY as base64 of 32 bytes, and requires one of its own in production', () => {
    const own = randomBytes(32).toString('base64');
    // Everything else production requires (see config.spec.ts), so only the key decides.
    const production = {
      NODE_ENV: 'production',
      BANK_CLIENT_SECRET: 'issued-by-the-bank',
      BANK_ALLOW_INSECURE: 'false',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.org:465',
    };
    expect(encryptionKeyBytes(own)).toHaveLength(32);
    expect(loadConfig(IdentityConfig, {}).KEYS_ENCRYPTION_KEY).toBe(DEV_KEYS_ENCRYPTION_KEY);
    expect(loadConfig(IdentityConfig, { ...production, KEYS_ENCRYPTION_KEY: own }).KEYS_ENCRYPTION_KEY).toBe(own);
    expect(() => loadConfig(IdentityConfig, production)).toThrow(ConfigError);
    expect(() => loadConfig(IdentityConfig, production)).toThrow(/KEYS_ENCRYPTION_KEY/);
    for (const bad of ['short', randomBytes(16).toString('base64'), randomBytes(33).toString('base64')]) {
      expect(() => loadConfig(IdentityConfig, { KEYS_ENCRYPTION_KEY: bad })).toThrow(/KEYS_ENCRYPTION_KEY/);
    }
  });
});
