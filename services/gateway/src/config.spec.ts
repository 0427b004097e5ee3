import { ConfigError, loadConfig } from '@pacjent/platform';
import { GatewayConfig } from './config';

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
