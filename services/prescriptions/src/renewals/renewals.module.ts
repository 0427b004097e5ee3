import { Module } from '@nestjs/common';
import { PrescriptionsFeatureModule } from '../prescriptions/prescriptions.module';
import { QueuePatientsClient } from './queue-patients.client';
import { RenewalsController } from './renewals.controller';
import { RenewalsRepository } from './renewals.repository';
import { RenewalsService } from './renewals.service';

@Module({
  imports: [PrescriptionsFeatureModule],
  controllers: [RenewalsController],
  providers: [RenewalsService, RenewalsRepository, QueuePatientsClient],
})
export class RenewalsModule {}
