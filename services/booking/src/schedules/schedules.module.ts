import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { SchedulesController } from './schedules.controller';
import { SchedulesRepository } from './schedules.repository';
import { SchedulesService } from './schedules.service';
import { SlotGenerationService } from './slot-generation.service';

@Module({
  imports: [AlertsModule, AppointmentsModule],
  controllers: [SchedulesController],
  providers: [SchedulesRepository, SchedulesService, SlotGenerationService],
  exports: [SchedulesRepository, SlotGenerationService],
})
export class SchedulesModule {}
