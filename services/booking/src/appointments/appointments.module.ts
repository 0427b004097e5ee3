import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { AppointmentAccessController } from './appointment-access.controller';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [IdempotencyModule, ReferralsModule],
  controllers: [AppointmentsController, AppointmentAccessController],
  providers: [AppointmentsService, AppointmentsRepository],
  exports: [AppointmentsService],
})
export class AppointmentsModule {}
