import { Module } from '@nestjs/common';
import { Icd10Module } from '../icd10/icd10.module';
import { VisitsController } from './visits.controller';
import { VisitsRepository } from './visits.repository';
import { VisitsService } from './visits.service';

/** The doctor completes a visit (or marks a no-show): the outcome, its referrals, and booking told through the outbox. */
@Module({
  imports: [Icd10Module],
  controllers: [VisitsController],
  providers: [VisitsRepository, VisitsService],
  exports: [VisitsRepository, VisitsService],
})
export class VisitsModule {}
