import { Module } from '@nestjs/common';
import { BusClient } from '@pacjent/platform';
import { CatalogModule } from '../catalog/catalog.module';
import { PrescriptionsConfig } from '../config';
import { PrescriptionsController } from './prescriptions.controller';
import { PrescriptionsRepository } from './prescriptions.repository';
import { PrescriptionsService } from './prescriptions.service';
import { VisitRelationsClient } from './relations.client';
import { VisitPrescriptionsConsumer } from '../visit-prescriptions/visit-prescriptions.consumer';

@Module({
  imports: [CatalogModule],
  controllers: [PrescriptionsController],
  providers: [
    PrescriptionsService,
    PrescriptionsRepository,
    VisitRelationsClient,
    VisitPrescriptionsConsumer,
    // Booking knows the visits that relate a doctor to a patient; the service asks it over the bus.
    {
      provide: BusClient,
      inject: [PrescriptionsConfig],
      useFactory: (config: PrescriptionsConfig) => BusClient.fromConfig(config, 'prescriptions'),
    },
  ],
  exports: [PrescriptionsRepository, BusClient],
})
export class PrescriptionsFeatureModule {}
