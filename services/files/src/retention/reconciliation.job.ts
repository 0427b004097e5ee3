import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock, ObjectStorage } from '@pacjent/platform';
import { FilesConfig } from '../config';
import { UPLOADS_PREFIX } from '../storage/storage.module';
import { RetentionRepository } from './retention.repository';

export interface ReconciliationResult {
  stalePendingRemoved: number;
  orphanObjectsRemoved: number;
}

const PAGE = 500;

/**
 * Nothing orphaned: removes reservations never finished in time (and their
 * bytes, if any were written), then objects in storage that no row names —
 * both only once older than FILES_PENDING_TTL_MINUTES, so uploads in flight
 * are never touched.
 */
@Injectable()
export class ReconciliationJob {
  private readonly logger = new Logger(ReconciliationJob.name);

  constructor(
    private readonly retention: RetentionRepository,
    private readonly storage: ObjectStorage,
    @Inject(Clock) private readonly clock: Clock,
    private readonly config: FilesConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'files-reconciliation' })
  async scheduled(): Promise<void> {
    await this.run().catch((err: unknown) => this.logger.error({ err }, 'reconciliation run failed'));
  }

  async run(): Promise<ReconciliationResult> {
    const staleBefore = new Date(this.clock.now().getTime() - this.config.FILES_PENDING_TTL_MINUTES * 60_000);
    const stalePendingRemoved = await this.removeStalePending(staleBefore);
    const orphanObjectsRemoved = await this.removeOrphanObjects(staleBefore);
    if (stalePendingRemoved + orphanObjectsRemoved > 0) {
      this.logger.log({ stalePendingRemoved, orphanObjectsRemoved }, 'reconciled files with storage');
    }
    return { stalePendingRemoved, orphanObjectsRemoved };
  }

  private async removeStalePending(staleBefore: Date): Promise<number> {
    let removed = 0;
    for (;;) {
      const count = await this.retention.transaction(async (tx) => {
        const stale = await this.retention.takeStalePending(tx, staleBefore, PAGE);
        for (const file of stale) await this.storage.delete(file.object_key);
        if (stale.length > 0)
          await this.retention.deleteRows(
            tx,
            stale.map((file) => file.id),
          );
        return stale.length;
      });
      removed += count;
      if (count < PAGE) return removed;
    }
  }

  private async removeOrphanObjects(olderThan: Date): Promise<number> {
    let removed = 0;
    let candidates: string[] = [];
    const sweep = async () => {
      const known = await this.retention.knownKeys(candidates);
      for (const key of candidates) {
        if (!known.has(key)) {
          await this.storage.delete(key);
          removed += 1;
        }
      }
      candidates = [];
    };
    for await (const object of this.storage.list(UPLOADS_PREFIX)) {
      if (object.lastModified < olderThan) candidates.push(object.key);
      if (candidates.length >= PAGE) await sweep();
    }
    await sweep();
    return removed;
  }
}
