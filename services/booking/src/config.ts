import { EnvBoolean, PlatformConfig } from '@pacjent/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** What the booking service reads from the environment, on top of the platform's variables. */
export class BookingConfig extends PlatformConfig {
  /** Seed the demo catalog when it is empty, and top up demo slots, on start (idempotent). */
  @EnvBoolean()
  SEED_DEMO_DATA = false;

  /** How many days ahead the demo schedule keeps free slots. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  SLOT_HORIZON_DAYS = 28;

  /** How long booking waits for consultations to reserve or release a referral session. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  REFERRAL_TIMEOUT_MS = 3000;

  /** How long a referral session release that consultations did not confirm waits before it is sent again. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  REFERRAL_RELEASE_RETRY_SECONDS = 30;
}
