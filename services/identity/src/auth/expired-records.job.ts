import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '@pacjent/platform';
import { LoginThrottleRepository } from './login-throttle.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const EVERY_TEN_MINUTES = 10 * 60 * 1000;

/** Deletes expired refresh tokens and finished throttle windows. Idempotent, so every replica may run it. */
@Injectable()
export class ExpiredRecordsJob {
  private readonly logger = new Logger(ExpiredRecordsJob.name);

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  @Interval(EVERY_TEN_MINUTES)
  async run(): Promise<{ refreshTokens: number; throttleWindows: number }> {
    const now = this.clock.now();
    const deleted = {
      refreshTokens: await this.refreshTokens.deleteExpired(now),
      throttleWindows: await this.throttle.deleteExpired(now),
    };
    if (deleted.refreshTokens + deleted.throttleWindows > 0) this.logger.log(deleted, 'deleted expired records');
    return deleted;
  }
}
