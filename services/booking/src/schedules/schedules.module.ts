import { Module } from '@nestjs/common';
import { SchedulesRepository } from './schedules.repository';
import { SlotGenerationService } from './slot-generation.service';

@Module({
  providers: [SchedulesRepository, SlotGenerationService],
  exports: [SchedulesRepository, SlotGenerationService],
})
export class SchedulesModule {}
