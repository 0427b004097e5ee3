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
