import { ConfigError, loadConfig } from '@pacjent/platform';
import { GatewayConfig } from './config';

describe('GatewayConfig: Redis and rate limits', () => {
  it('defaults to the local Redis and the limits of the README', () => {
    const config = loadConfig(GatewayConfig, {});
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect([
      config.RATE_LIMIT_REGISTER_PER_HOUR,
      config.RATE_LIMIT_CONTACT_PER_HOUR,
      config.RATE_LIMIT_BANK_START_PER_HOUR,
      config.RATE_LIMIT_SEARCH_PER_MINUTE,
    ]).toEqual([10, 5, 10, 120]);
  });

  it('reads the limits from the environment, 0 meaning off', () => {
    const config = loadConfig(GatewayConfig, { RATE_LIMIT_SEARCH_PER_MINUTE: '0', RATE_LIMIT_CONTACT_PER_HOUR: '2' });
    expect(config.RATE_LIMIT_SEARCH_PER_MINUTE).toBe(0);
    expect(config.RATE_LIMIT_CONTACT_PER_HOUR).toBe(2);
  });

  it('refuses a REDIS_URL that is not redis:// and a negative or fractional limit, without echoing values', () => {
    const attempt = () =>
      loadConfig(GatewayConfig, {
        REDIS_URL: 'http://:secret@cache:6379',
        RATE_LIMIT_REGISTER_PER_HOUR: '-1',
        RATE_LIMIT_SEARCH_PER_MINUTE: '1.5',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/REDIS_URL/);
    expect(attempt).toThrow(/RATE_LIMIT_REGISTER_PER_HOUR/);
    expect(attempt).toThrow(/RATE_LIMIT_SEARCH_PER_MINUTE/);
    expect(attempt).not.toThrow(/secret/);
    expect(loadConfig(GatewayConfig, { REDIS_URL: 'rediss://cache.example:6380/0' }).REDIS_URL).toBe(
      'rediss://cache.example:6380/0',
    );
  });
});

describe('GatewayConfig', () => {
  it('needs no TRUST_PROXY decision on a developer machine', () => {
    expect(loadConfig(GatewayConfig, {}).TRUST_PROXY).toBe(false);
  });

  it('refuses to start in production until TRUST_PROXY says whether a proxy is in front', () => {
    expect(() => loadConfig(GatewayConfig, { NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig(GatewayConfig, { NODE_ENV: 'production', TRUST_PROXY: '' })).toThrow(/TRUST_PROXY/);
  });

  it('starts in production with either decision', () => {
    expect(loadConfig(GatewayConfig, { NODE_ENV: 'production', TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig(GatewayConfig, { NODE_ENV: 'production', TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });
});
