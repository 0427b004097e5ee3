import { Module } from '@nestjs/common';
import { PatientRegistryController } from './patient-registry.controller';
import { PatientRegistryRepository } from './patient-registry.repository';

/** Confirmed patients, answered to the services that keep their record. */
@Module({
  controllers: [PatientRegistryController],
  providers: [PatientRegistryRepository],
})
export class PatientRegistryModule {}
