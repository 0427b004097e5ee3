import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock, ObjectStorage } from '@pacjent/platform';
import { FilesConfig } from '../config';
import { RetentionRepository } from './retention.repository';

/**
 * Deletes files three months after they were added. Each batch is locked
 * with FOR UPDATE SKIP LOCKED, so replicas running it together never take the
 * same file; the object goes first, then the row, so a crash leaves only a
 * row that the next run deletes again (deleting a missing object is fine).
 */
@Injectable()
export class ExpiryJob {
  private readonly logger = new Logger(ExpiryJob.name);

  constructor(
    private readonly retention: RetentionRepository,
    private readonly storage: ObjectStorage,
    @Inject(Clock) private readonly clock: Clock,
    private readonly config: FilesConfig,
  ) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'files-expiry' })
  async scheduled(): Promise<void> {
    await this.run().catch((err: unknown) => this.logger.error({ err }, 'expiry run failed'));
  }

  /** Deletes every due file; returns how many. */
  async run(): Promise<number> {
    const now = this.clock.now();
    let deleted = 0;
    for (;;) {
      const count = await this.retention.transaction(async (tx) => {
        const due = await this.retention.takeExpired(tx, now, this.config.FILES_EXPIRY_BATCH_SIZE);
        for (const file of due) await this.storage.delete(file.object_key);
        if (due.length > 0)
          await this.retention.deleteRows(
            tx,
            due.map((file) => file.id),
          );
        return due.length;
      });
      deleted += count;
      if (count < this.config.FILES_EXPIRY_BATCH_SIZE) break;
    }
    if (deleted > 0) this.logger.log({ deleted }, 'expired files deleted');
    return deleted;
  }
}
