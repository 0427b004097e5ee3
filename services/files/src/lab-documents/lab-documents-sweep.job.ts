import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock, ObjectStorage } from '@pacjent/platform';
import { FilesConfig } from '../config';
import { LabDocumentsRepository } from './lab-documents.repository';

const PAGE = 200;

/**
 * A lab PDF whose bundle never made it (invalid FHIR, unknown patient, a lost
 * reply) stays `pending` with its bytes in storage. Once older than
 * FILES_PENDING_TTL_MINUTES it is removed, object first, under row locks
 * (replicas skip each other's rows). Stored documents are never touched.
 */
@Injectable()
export class LabDocumentsSweepJob {
  private readonly logger = new Logger(LabDocumentsSweepJob.name);

  constructor(
    private readonly documents: LabDocumentsRepository,
    private readonly storage: ObjectStorage,
    @Inject(Clock) private readonly clock: Clock,
    private readonly config: FilesConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'lab-documents-sweep' })
  async scheduled(): Promise<void> {
    await this.run().catch((err: unknown) => this.logger.error({ err }, 'lab documents sweep failed'));
  }

  async run(): Promise<number> {
    const staleBefore = new Date(this.clock.now().getTime() - this.config.FILES_PENDING_TTL_MINUTES * 60_000);
    let removed = 0;
    for (;;) {
      const count = await this.documents.removeStalePending(staleBefore, PAGE, (key) => this.storage.delete(key));
      removed += count;
      if (count < PAGE) break;
    }
    if (removed > 0) this.logger.log({ removed }, 'removed unfinished lab documents');
    return removed;
  }
}
