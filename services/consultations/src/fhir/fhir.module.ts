import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { ResultsModule } from '../results/results.module';
import { AppointmentsSection } from './appointments.section';
import { FhirController } from './fhir.controller';
import { RecordExportService } from './record-export.service';
import { RECORD_SECTIONS, type RecordSection } from './record-section';
import { PrescriptionsSection } from './prescriptions.section';
import { ResultsSection } from './results.section';
import { VisitsSection } from './visits.section';

/**
 * The sections of the export, in the order they appear after the Patient:
 * encounters with their conditions and referrals, results, appointments,
 * medication requests. A new section is a provider here.
 */
const SECTIONS = [VisitsSection, ResultsSection, AppointmentsSection, PrescriptionsSection];

/** The patient's record as FHIR: the export (and the validator the lab intake shares). */
@Module({
  imports: [ResultsModule, RecordModule],
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
