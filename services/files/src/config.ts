import { PlatformConfig } from '@pacjent/platform';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** What the files service reads from the environment, on top of the platform's (and S3Config's) variables. */
export class FilesConfig extends PlatformConfig {
  /**
   * How long a reserved upload may stay unfinished. Older pending rows stop
   * counting towards the quota, and reconciliation removes them and any
   * object in storage without a stored row that is older than this.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  FILES_PENDING_TTL_MINUTES = 30;

  /** How many due files the expiry job deletes per transaction. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  FILES_EXPIRY_BATCH_SIZE = 50;
}
