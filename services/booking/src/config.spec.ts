import { ConfigError, loadConfig } from '@pacjent/platform';
import { BookingConfig } from './config';

describe('booking configuration', () => {
  it('defaults to no demo data and a four-week slot horizon', () => {
    const config = loadConfig(BookingConfig, {});
    expect(config.SEED_DEMO_DATA).toBe(false);
    expect(config.SLOT_HORIZON_DAYS).toBe(28);
  });

  it('reads the variables from the environment', () => {
    const config = loadConfig(BookingConfig, { SEED_DEMO_DATA: 'true', SLOT_HORIZON_DAYS: '14' });
    expect(config.SEED_DEMO_DATA).toBe(true);
    expect(config.SLOT_HORIZON_DAYS).toBe(14);
    expect(loadConfig(BookingConfig, { SEED_DEMO_DATA: '0' }).SEED_DEMO_DATA).toBe(false);
  });

  it('refuses to start on values it cannot read, naming them', () => {
    expect(() => loadConfig(BookingConfig, { SEED_DEMO_DATA: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig(BookingConfig, { SLOT_HORIZON_DAYS: '0' })).toThrow(/SLOT_HORIZON_DAYS/);
  });
});
