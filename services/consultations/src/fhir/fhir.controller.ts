import { Controller } from '@nestjs/common';
import type { Bundle } from '@medplum/fhirtypes';
import { Subjects, type BusRequest } from '@pacjent/contracts';
import { BusHandler } from '@pacjent/platform';
import { requireFullPatient } from '../results/results-actor';
import { RecordExportService } from './record-export.service';

/** The patient's record in FHIR R4. */
@Controller()
export class FhirController {
  constructor(private readonly exports: RecordExportService) {}

  @BusHandler(Subjects.consultations.exportRecord)
  export(payload: BusRequest): Promise<Bundle> {
    return this.exports.export(requireFullPatient(payload.actor));
  }
}
