import { Module } from '@nestjs/common';
import { ExpiryJob } from './expiry.job';
import { ReconciliationJob } from './reconciliation.job';
import { RetentionRepository } from './retention.repository';

/** The scheduled jobs that keep storage and rows in step: expiry after three months, and reconciliation. */
@Module({
  providers: [RetentionRepository, ExpiryJob, ReconciliationJob],
})
export class RetentionModule {}
