import { EnvBoolean, PlatformConfig } from '@pacjent/platform';

/** What the consultations service reads from the environment, on top of the platform's variables. */
export class ConsultationsConfig extends PlatformConfig {
  /** Seed the demo patient's record (results over three years) on start, once (idempotent). */
  @EnvBoolean()
  SEED_DEMO_DATA = false;
}
