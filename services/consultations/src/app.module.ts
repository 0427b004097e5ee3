import { Module } from '@nestjs/common';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { ConsultationsBusModule } from './bus.module';
import { ConsultationsConfig } from './config';
import { ConsultationsDatabase } from './database';
import { DemoModule } from './demo/demo.module';
import { FhirModule } from './fhir/fhir.module';
import { ResultsModule } from './results/results.module';

/** The consultations service: the clinical record (laboratory results so far). */
@Module({
  imports: [
    PlatformModule.forService('consultations', ConsultationsConfig),
    databaseModule(ConsultationsDatabase),
    ConsultationsBusModule,
    ResultsModule,
    FhirModule,
    DemoModule,
  ],
  controllers: [healthController('consultations')],
})
export class ConsultationsModule {}
