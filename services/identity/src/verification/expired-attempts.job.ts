import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '@pacjent/platform';
import { VerificationRepository } from './verification.repository';

const EVERY_TEN_MINUTES = 10 * 60 * 1000;

/** Deletes bank attempts that can no longer be used (expired or used). Idempotent, so every replica may run it. */
@Injectable()
export class ExpiredAttemptsJob {
  private readonly logger = new Logger(ExpiredAttemptsJob.name);

  constructor(
    private readonly verifications: VerificationRepository,
    private readonly clock: Clock,
  ) {}

  @Interval(EVERY_TEN_MINUTES)
  async run(): Promise<number> {
    const deleted = await this.verifications.deleteFinishedAttempts(this.clock.now());
    if (deleted > 0) this.logger.log({ deleted }, 'deleted finished bank attempts');
    return deleted;
  }
}
