import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '@pacjent/platform';
import { PasswordResetRepository } from './password-reset.repository';

const EVERY_TEN_MINUTES = 10 * 60 * 1000;

/** Deletes reset links that can no longer be used. Idempotent, so every replica may run it. */
@Injectable()
export class FinishedResetsJob {
  private readonly logger = new Logger(FinishedResetsJob.name);

  constructor(
    private readonly resets: PasswordResetRepository,
    private readonly clock: Clock,
  ) {}

  @Interval(EVERY_TEN_MINUTES)
  async run(): Promise<number> {
    const deleted = await this.resets.deleteFinished(this.clock.now());
    if (deleted > 0) this.logger.log({ deleted }, 'deleted finished password-reset links');
    return deleted;
  }
}
