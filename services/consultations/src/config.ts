import { DEFAULT_QUESTION_WINDOW_DAYS, QUEUE_GRACE_SECONDS } from '@pacjent/contracts';
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

  /** A waiting patient whose page has not been seen (the gateway's heartbeats) for this long leaves the queue. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  QUEUE_GRACE_SECONDS = QUEUE_GRACE_SECONDS;

  /** Over this estimated wait the patient is offered booking's free slots instead (fallback-slots). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  ONLINE_MAX_WAIT_MINUTES = 30;

  /** The assumed length of one online consultation until enough have ended to measure it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(240)
  ONLINE_AVERAGE_MINUTES = 10;

  /**
   * How often the outbox relay looks for events nobody published (a crash between a commit and its
   * publish, NATS away). Live events never wait for it: they are published right after their commit.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  OUTBOX_RELAY_INTERVAL_MS = 2000;

  /** Seed the demo patient's record on start (idempotent). */
  @EnvBoolean()
  SEED_DEMO_DATA = false;
}
