import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { AppointmentsSection } from './appointments.section';
import { FhirController } from './fhir.controller';
import { RecordExportService } from './record-export.service';
import { RECORD_SECTIONS, type RecordSection } from './record-section';
import { ResultsSection } from './results.section';

/**
 * The sections of the export, in the order they appear after the Patient.
 * Add a section (Encounter per completed visit, Condition per diagnosis,
 * ServiceRequest per referral, MedicationRequest) as a provider here and in
 * `inject`.
 */
const SECTIONS = [ResultsSection, AppointmentsSection];

/** The patient's record as FHIR: the export (and the validator the lab intake shares). */
@Module({
  imports: [ResultsModule],
  controllers: [FhirController],
  providers: [
    ...SECTIONS,
    {
      provide: RECORD_SECTIONS,
      inject: SECTIONS,
      useFactory: (...sections: RecordSection[]) => sections,
    },
    RecordExportService,
  ],
})
export class FhirModule {}
