import { ConfigError, EnvBoolean, loadConfig, natsAuth, PlatformConfig } from './config';

class WithFlag extends PlatformConfig {
  @EnvBoolean()
  FEATURE_ON = false;
}

describe('loadConfig', () => {
  it('uses the defaults when the environment says nothing', () => {
    const config = loadConfig(WithFlag, {});
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.BUS_TIMEOUT_MS).toBe(5000);
    expect(config.FEATURE_ON).toBe(false);
  });

  it('reads booleans as true/1 and false/0', () => {
    expect(loadConfig(WithFlag, { FEATURE_ON: 'true' }).FEATURE_ON).toBe(true);
    expect(loadConfig(WithFlag, { FEATURE_ON: '1' }).FEATURE_ON).toBe(true);
    expect(loadConfig(WithFlag, { FEATURE_ON: 'false' }).FEATURE_ON).toBe(false);
    expect(loadConfig(WithFlag, { FEATURE_ON: '0' }).FEATURE_ON).toBe(false);
  });

  it('refuses a boolean it cannot read instead of treating it as false', () => {
    expect(() => loadConfig(WithFlag, { FEATURE_ON: 'yes' })).toThrow(ConfigError);
  });

  it('lists every invalid variable without echoing its value', () => {
    const attempt = () => loadConfig(WithFlag, { DATABASE_URL: 'mysql://secret@db', BUS_TIMEOUT_MS: '5' });
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/BUS_TIMEOUT_MS/);
    expect(attempt).not.toThrow(/secret/);
  });
});

describe('NATS credentials', () => {
  it('connects without a user by default (the development NATS)', () => {
    expect(natsAuth(loadConfig(PlatformConfig, {}))).toEqual({});
  });

  it('connects as NATS_USER with NATS_PASSWORD', () => {
    const config = loadConfig(PlatformConfig, { NATS_USER: 'booking', NATS_PASSWORD: 'sekret-hasło' });
    expect(natsAuth(config)).toEqual({ user: 'booking', pass: 'sekret-hasło' });
  });

  it('refuses NATS_USER without NATS_PASSWORD, and a user name that is not a plain name, without echoing them', () => {
    expect(() => loadConfig(PlatformConfig, { NATS_USER: 'booking' })).toThrow(/NATS_PASSWORD/);
    const odd = () => loadConfig(PlatformConfig, { NATS_USER: 'booking gateway', NATS_PASSWORD: 'tajne' });
    expect(odd).toThrow(/NATS_USER/);
    expect(odd).not.toThrow(/tajne/);
  });
});
