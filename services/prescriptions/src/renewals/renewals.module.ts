import { Module } from '@nestjs/common';
import { PrescriptionsFeatureModule } from '../prescriptions/prescriptions.module';
import { RenewalFactsClient } from './renewal-facts.client';
import { RenewalsController } from './renewals.controller';
import { RenewalsRepository } from './renewals.repository';
import { RenewalsService } from './renewals.service';

@Module({
  imports: [PrescriptionsFeatureModule],
  controllers: [RenewalsController],
  providers: [RenewalsService, RenewalsRepository, RenewalFactsClient],
})
export class RenewalsModule {}
