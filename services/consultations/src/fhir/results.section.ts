import { Injectable } from '@nestjs/common';
import type { DiagnosticReport, Observation, Resource } from '@medplum/fhirtypes';
import { LOINC_SYSTEM } from '@pacjent/contracts';
import type { LabReportEntity } from '../results/lab-report.entity';
import { ResultsRepository } from '../results/results.repository';
import { referenceTo, type ExportContext, type RecordSection } from './record-section';

const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const INTERPRETATION_CODE = { low: 'L', high: 'H', normal: 'N' } as const;
const LABORATORY_CATEGORY = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
};
const LAB_SERVICE_CATEGORY = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }],
};

/** A DiagnosticReport and its Observations per stored lab report. */
@Injectable()
export class ResultsSection implements RecordSection {
  readonly name = 'results';

  constructor(private readonly results: ResultsRepository) {}

  async resources(context: ExportContext): Promise<Resource[]> {
    const reports = await this.results.all(context.actor.id);
    return reports.flatMap((report) => toFhir(report, context.patientReference));
  }
}

function toFhir(report: LabReportEntity, subject: string): Resource[] {
  const observations: Observation[] = (report.observations ?? []).map((row) => ({
    resourceType: 'Observation',
    id: row.id,
    status: 'final',
    category: [LABORATORY_CATEGORY],
    code: { coding: [{ system: LOINC_SYSTEM, code: row.code, display: row.name }], text: row.name },
    subject: { reference: subject },
    effectiveDateTime: row.effectiveAt.toISOString(),
    valueQuantity: { value: row.value, unit: row.unit },
    ...(row.referenceLow !== null || row.referenceHigh !== null
      ? {
          referenceRange: [
            {
              ...(row.referenceLow !== null ? { low: { value: row.referenceLow, unit: row.unit } } : {}),
              ...(row.referenceHigh !== null ? { high: { value: row.referenceHigh, unit: row.unit } } : {}),
            },
          ],
        }
      : {}),
    ...(row.flag
      ? { interpretation: [{ coding: [{ system: INTERPRETATION_SYSTEM, code: INTERPRETATION_CODE[row.flag] }] }] }
      : {}),
  }));
  const diagnosticReport: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: report.id,
    status: report.status as DiagnosticReport['status'],
    category: [LAB_SERVICE_CATEGORY],
    code: report.code
      ? { coding: [{ system: LOINC_SYSTEM, code: report.code, display: report.name }], text: report.name }
      : { text: report.name },
    subject: { reference: subject },
    effectiveDateTime: report.effectiveAt.toISOString(),
    issued: report.issuedAt.toISOString(),
    ...(report.laboratory ? { performer: [{ display: report.laboratory }] } : {}),
    ...(report.documentId
      ? { presentedForm: [{ contentType: 'application/pdf', url: `/api/results/${report.id}/pdf` }] }
      : {}),
    result: observations.map((observation) => ({ reference: referenceTo(observation.id!) })),
  };
  return [diagnosticReport, ...observations];
}
