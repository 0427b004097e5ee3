import { Module } from '@nestjs/common';
import { VisitFactsController } from './visit-facts.controller';
import { VisitOutcomesConsumer } from './visit-outcomes.consumer';
import { VisitOutcomesRepository } from './visit-outcomes.repository';

/** What booking does for the treatment record: visit facts for the doctor, and applying recorded outcomes. */
@Module({
  controllers: [VisitFactsController],
  providers: [VisitOutcomesRepository, VisitOutcomesConsumer],
})
export class VisitOutcomesModule {}
