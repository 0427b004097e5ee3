import { Module } from '@nestjs/common';
import { FhirValidator } from '../fhir/fhir-validator';
import { ResultsController } from './results.controller';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';

/** Laboratory results: the lab's FHIR bundles in, the patient's results out. */
@Module({
  controllers: [ResultsController],
  providers: [ResultsService, ResultsRepository, FhirValidator],
  exports: [ResultsRepository],
})
export class ResultsModule {}
