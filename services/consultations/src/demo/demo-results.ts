import type { ResultFlag } from '@pacjent/contracts';
import type { LabReportInput } from '../results/lab-bundle';
import { flagOf } from '../results/lab-bundle';

/** Identity's demo patient (patient@demo.test) and laboratory (lab@demo.test): services share ids, not code. */
export const DEMO_PATIENT_ID = '00000000-0000-4000-8000-00000000a71e';
export const DEMO_LAB_ID = '00000000-0000-4000-8000-000000001ab0';

interface Parameter {
  code: string;
  name: string;
  unit: string;
  low?: number;
  high?: number;
}

const CHOLESTEROL: Parameter = { code: '2093-3', name: 'Cholesterol całkowity', unit: 'mg/dL', high: 190 };
const LDL: Parameter = { code: '13457-7', name: 'Cholesterol LDL', unit: 'mg/dL', high: 115 };
const HDL: Parameter = { code: '2085-9', name: 'Cholesterol HDL', unit: 'mg/dL', low: 45 };
const TRIGLYCERIDES: Parameter = { code: '2571-8', name: 'Triglicerydy', unit: 'mg/dL', high: 150 };
const GLUCOSE: Parameter = { code: '2345-7', name: 'Glukoza na czczo', unit: 'mg/dL', low: 70, high: 99 };
const HEMOGLOBIN: Parameter = { code: '718-7', name: 'Hemoglobina', unit: 'g/dL', low: 12, high: 16 };
const LEUKOCYTES: Parameter = { code: '6690-2', name: 'Leukocyty (WBC)', unit: 'tys/µL', low: 4, high: 10 };
const ERYTHROCYTES: Parameter = { code: '789-8', name: 'Erytrocyty (RBC)', unit: 'mln/µL', low: 3.8, high: 5.2 };
const PLATELETS: Parameter = { code: '777-3', name: 'Płytki krwi (PLT)', unit: 'tys/µL', low: 150, high: 400 };

interface DemoReport {
  key: string;
  monthsAgo: number;
  code: string;
  name: string;
  values: Array<[Parameter, number]>;
}

/**
 * Three years of the demo patient's results: a lipid panel every six months
 * (cholesterol coming down from too high, HDL low at first), blood counts
 * and fasting glucose (once above the range). Enough for the chart.
 */
export const DEMO_REPORTS: readonly DemoReport[] = [
  ...[
    [36, 248, 171, 41, 182],
    [30, 239, 163, 42, 171],
    [24, 226, 150, 44, 160],
    [18, 211, 137, 46, 142],
    [12, 197, 124, 49, 131],
    [6, 184, 109, 52, 118],
  ].map(([monthsAgo, total, ldl, hdl, tg]) => ({
    key: `lipids-${monthsAgo}`,
    monthsAgo: monthsAgo!,
    code: '57698-3',
    name: 'Lipidogram',
    values: [
      [CHOLESTEROL, total!],
      [LDL, ldl!],
      [HDL, hdl!],
      [TRIGLYCERIDES, tg!],
    ] as Array<[Parameter, number]>,
  })),
  ...[
    [34, 11.6, 7.1, 4.1, 242],
    [22, 12.8, 11.2, 4.4, 265],
    [8, 13.4, 6.3, 4.6, 251],
  ].map(([monthsAgo, hgb, wbc, rbc, plt]) => ({
    key: `cbc-${monthsAgo}`,
    monthsAgo: monthsAgo!,
    code: '58410-2',
    name: 'Morfologia krwi',
    values: [
      [HEMOGLOBIN, hgb!],
      [LEUKOCYTES, wbc!],
      [ERYTHROCYTES, rbc!],
      [PLATELETS, plt!],
    ] as Array<[Parameter, number]>,
  })),
  ...[
    [33, 94],
    [21, 104],
    [9, 97],
    [3, 91],
  ].map(([monthsAgo, glucose]) => ({
    key: `glucose-${monthsAgo}`,
    monthsAgo: monthsAgo!,
    code: '2345-7',
    name: 'Glukoza na czczo',
    values: [[GLUCOSE, glucose!]] as Array<[Parameter, number]>,
  })),
];

/** A demo report as if the lab had posted it, dated `monthsAgo` before `now` at 07:30 UTC. */
export function demoReportInput(report: DemoReport, now: Date): LabReportInput {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - report.monthsAgo, 10, 7, 30));
  return {
    pesel: '85041203465',
    sourceKey: `demo:${report.key}`,
    code: report.code,
    name: report.name,
    status: 'final',
    laboratory: 'Laboratorium Centralne',
    effectiveAt: at,
    issuedAt: new Date(at.getTime() + 6 * 3600_000),
    observations: report.values.map(([parameter, value]) => ({
      code: parameter.code,
      name: parameter.name,
      value,
      unit: parameter.unit,
      referenceLow: parameter.low ?? null,
      referenceHigh: parameter.high ?? null,
      flag: flagOf(value, parameter.low ?? null, parameter.high ?? null) as ResultFlag | null,
      effectiveAt: at,
    })),
  };
}
