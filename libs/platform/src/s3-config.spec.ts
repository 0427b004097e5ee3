import { ConfigError, loadConfig } from './config';
import { S3Config } from './s3';

describe('S3Config', () => {
  it("uses s3rver's keys on a developer machine", () => {
    expect(loadConfig(S3Config, {})).toMatchObject({ S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' });
  });

  it("refuses s3rver's keys in production, without echoing them", () => {
    const attempt = (env: NodeJS.ProcessEnv) => () => loadConfig(S3Config, { NODE_ENV: 'production', ...env });
    expect(attempt({})).toThrow(ConfigError);
    expect(attempt({ S3_ACCESS_KEY_ID: 'AKIAREAL' })).toThrow(/S3_ACCESS_KEY_ID \/ S3_SECRET_ACCESS_KEY/);
    expect(attempt({ S3_SECRET_ACCESS_KEY: 'real-secret' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(attempt({})).not.toThrow(/S3RVER/);
  });

  it('starts in production with real keys', () => {
    const config = loadConfig(S3Config, {
      NODE_ENV: 'production',
      S3_ACCESS_KEY_ID: 'AKIAREAL',
      S3_SECRET_ACCESS_KEY: 'real-secret',
    });
    expect(config.S3_ACCESS_KEY_ID).toBe('AKIAREAL');
  });
});
