import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { FreedSlotOffers } from './freed-slot-offers';
import { ReferralsModule } from '../referrals/referrals.module';
import { AppointmentAccessController } from './appointment-access.controller';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [IdempotencyModule, ReferralsModule, AlertsModule],
  controllers: [AppointmentsController, AppointmentAccessController],
  providers: [AppointmentsService, AppointmentsRepository, FreedSlotOffers],
  exports: [AppointmentsService, FreedSlotOffers],
})
export class AppointmentsModule {}
