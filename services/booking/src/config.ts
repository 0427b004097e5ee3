import { PlatformConfig } from '@pacjent/platform';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

/** 'true'/'1' and 'false'/'0' become booleans; anything else stays as given and fails validation. */
const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};

/** What the booking service reads from the environment, on top of the platform's variables. */
export class BookingConfig extends PlatformConfig {
  /** Seed the demo catalog when it is empty, and top up demo slots, on start (idempotent). */
  @Transform(toBoolean)
  @IsBoolean()
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
