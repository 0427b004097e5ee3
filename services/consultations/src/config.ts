import { DEFAULT_QUESTION_WINDOW_DAYS } from '@pacjent/contracts';
import { EnvBoolean, PlatformConfig } from '@pacjent/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** What the consultations service reads from the environment, on top of the platform's variables. */
export class ConsultationsConfig extends PlatformConfig {
  /** How many days after a visit's completion the patient may ask its doctor a question. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  QUESTION_WINDOW_DAYS = DEFAULT_QUESTION_WINDOW_DAYS;

  /** Seed the demo patient's record on start (idempotent). */
  @EnvBoolean()
  SEED_DEMO_DATA = false;
}
