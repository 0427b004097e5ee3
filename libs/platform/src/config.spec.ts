import {
  ConfigError,
  EnvBoolean,
  loadConfig,
  natsAuth,
  natsConnectionOptions,
  natsServers,
  PlatformConfig,
} from './config';

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

describe('NATS_URL: one server or a cluster', () => {
  const cluster = 'nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222';

  it('gives every connection the whole list of a cluster, in its order', () => {
    const config = loadConfig(PlatformConfig, { NATS_URL: cluster });
    expect(natsConnectionOptions(config, 'booking-events').servers).toEqual([
      'nats://nats-1:4222',
      'nats://nats-2:4222',
      'nats://nats-3:4222',
    ]);
  });

  it('reads one server as a list of one, and ignores spaces around the commas', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
    expect(natsServers(' nats://a:4222 , tls://b:4443')).toEqual(['nats://a:4222', 'tls://b:4443']);
    expect(loadConfig(PlatformConfig, { NATS_URL: ' nats://a:4222 , tls://b:4443' }).NATS_URL).toBeDefined();
  });

  it.each([
    ['an empty entry', 'nats://a:4222,,nats://b:4222'],
    ['a trailing comma', 'nats://a:4222,'],
    ['another scheme', 'nats://a:4222,http://b:4222'],
    ['no scheme', 'nats://a:4222,b:4222'],
    ['a port out of range', 'nats://a:4222,nats://b:99999'],
    ['a path', 'nats://a:4222/x'],
    ['a server twice', 'nats://a:4222,nats://a:4222'],
    ['a list separated by semicolons', 'nats://a:4222;nats://b:4222'],
  ])('refuses %s without echoing the value', (_what, url) => {
    const attempt = () => loadConfig(PlatformConfig, { NATS_URL: url.replaceAll('a:', 'sekret-host:') });
    expect(attempt).toThrow(/NATS_URL/);
    expect(attempt).not.toThrow(/sekret/);
  });
});

describe('JETSTREAM_REPLICAS', () => {
  it('is 1 unless set, and 3 for a 3-node cluster', () => {
    expect(loadConfig(PlatformConfig, {}).JETSTREAM_REPLICAS).toBe(1);
    expect(loadConfig(PlatformConfig, { JETSTREAM_REPLICAS: '3' }).JETSTREAM_REPLICAS).toBe(3);
  });

  it.each(['0', '6', '2.5', 'three'])('refuses %s (JetStream keeps 1 to 5 copies)', (value) => {
    expect(() => loadConfig(PlatformConfig, { JETSTREAM_REPLICAS: value })).toThrow(/JETSTREAM_REPLICAS/);
  });
});
