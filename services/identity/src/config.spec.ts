import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@pacjent/platform';
import { IdentityConfig } from './config';

describe('IdentityConfig', () => {
  it('works on a developer machine with no variables set', () => {
    const config = loadConfig(IdentityConfig, {});
    expect(config).toMatchObject({
      JWT_ISSUER: 'pacjent-identity',
      JWT_AUDIENCE: 'pacjent',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_SECONDS: 2_592_000,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
      LOGIN_ACCOUNT_WINDOW_SECONDS: 900,
      LOGIN_MAX_FAILURES_PER_IP: 30,
      LOGIN_IP_WINDOW_SECONDS: 60,
      SEED_DEMO_DATA: false,
    });
  });

  it('reads numbers and booleans from the environment', () => {
    const config = loadConfig(IdentityConfig, { ACCESS_TOKEN_TTL_SECONDS: '600', SEED_DEMO_DATA: 'true' });
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(600);
    expect(config.SEED_DEMO_DATA).toBe(true);
  });

  it('refuses to start with a nonsensical value, naming the variable', () => {
    expect(() => loadConfig(IdentityConfig, { ACCESS_TOKEN_TTL_SECONDS: 'soon' })).toThrow(ConfigError);
    expect(() => loadConfig(IdentityConfig, { LOGIN_MAX_FAILURES_PER_IP: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_IP/);
  });
});

describe('IdentityConfig in production', () => {
  const production = {
    NODE_ENV: 'production',
    BANK_CLIENT_SECRET: 'issued-by-the-bank',
    BANK_ALLOW_INSECURE: 'false',
    KEYS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: 'smtps://portal:secret@smtp.example.com:465',
  };

  it('starts with a real bank secret over https', () => {
    expect(loadConfig(IdentityConfig, production).BANK_ALLOW_INSECURE).toBe(false);
  });

  it("refuses the mock bank's development secret, naming the variable but not the value", () => {
    const attempt = () => loadConfig(IdentityConfig, { ...production, BANK_CLIENT_SECRET: undefined });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/NODE_ENV=production[\s\S]*BANK_CLIENT_SECRET/);
    expect(attempt).not.toThrow(/pacjent-dev-only-bank-secret/);
  });

  it('refuses BANK_ALLOW_INSECURE=true, and its default', () => {
    expect(() => loadConfig(IdentityConfig, { ...production, BANK_ALLOW_INSECURE: 'true' })).toThrow(
      /BANK_ALLOW_INSECURE/,
    );
    expect(() => loadConfig(IdentityConfig, { ...production, BANK_ALLOW_INSECURE: undefined })).toThrow(
      /BANK_ALLOW_INSECURE/,
    );
  });

  it('lists every unsafe setting at once', () => {
    const attempt = () => loadConfig(IdentityConfig, { NODE_ENV: 'production' });
    expect(attempt).toThrow(/BANK_CLIENT_SECRET[\s\S]*BANK_ALLOW_INSECURE[\s\S]*KEYS_ENCRYPTION_KEY/);
  });

  it('keeps the development defaults outside production', () => {
    expect(loadConfig(IdentityConfig, { NODE_ENV: 'development' }).BANK_ALLOW_INSECURE).toBe(true);
  });

  it('refuses the development mail catcher, on its default address or any local one', () => {
    for (const SMTP_URL of [undefined, 'smtp://localhost:2525', 'smtp://127.0.0.1:25']) {
      expect(() => loadConfig(IdentityConfig, { ...production, SMTP_URL })).toThrow(
        /SMTP_URL: the development mail catcher/,
      );
    }
  });
});
