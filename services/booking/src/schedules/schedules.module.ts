import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { AppointmentsModule } from '../appointments/appointments.module';
import { SchedulesRepository } from './schedules.repository';
import { SlotGenerationService } from './slot-generation.service';

@Module({
  imports: [AlertsModule, AppointmentsModule],
  providers: [SchedulesRepository, SlotGenerationService],
  exports: [SchedulesRepository, SlotGenerationService],
})
export class SchedulesModule {}
