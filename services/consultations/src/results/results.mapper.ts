import type { ObservationView, ParameterSeries, ResultView } from '@pacjent/contracts';
import type { LabObservationEntity } from './lab-observation.entity';
import type { LabReportEntity } from './lab-report.entity';

export function toObservationView(row: LabObservationEntity): ObservationView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    value: row.value,
    unit: row.unit,
    referenceLow: row.referenceLow,
    referenceHigh: row.referenceHigh,
    flag: row.flag,
  };
}

export function toResultView(report: LabReportEntity): ResultView {
  const observations = (report.observations ?? []).map(toObservationView);
  return {
    id: report.id,
    code: report.code,
    name: report.name,
    status: report.status,
    effectiveAt: report.effectiveAt.toISOString(),
    issuedAt: report.issuedAt.toISOString(),
    laboratory: report.laboratory,
    observations,
    abnormal: observations.filter((o) => o.flag === 'low' || o.flag === 'high').length,
    hasPdf: report.documentId !== null,
  };
}

export function toParameterSeries(code: string, rows: LabObservationEntity[]): ParameterSeries {
  return {
    code,
    // The newest name the labs gave it.
    name: rows.at(-1)?.name ?? code,
    points: rows.map((row) => ({
      resultId: row.reportId,
      effectiveAt: row.effectiveAt.toISOString(),
      value: row.value,
      unit: row.unit,
      referenceLow: row.referenceLow,
      referenceHigh: row.referenceHigh,
      flag: row.flag,
    })),
  };
}
