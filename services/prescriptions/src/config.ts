import { EnvBoolean, PlatformConfig } from '@pacjent/platform';

/** What the prescriptions service reads from the environment, on top of the platform's variables. */
export class PrescriptionsConfig extends PlatformConfig {
  /** Give the demo patient chronic medicines with an expired and an active prescription, on start (idempotent). */
  @EnvBoolean()
  SEED_DEMO_DATA = false;
}
