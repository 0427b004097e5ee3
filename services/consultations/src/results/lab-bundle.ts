import type {
  Bundle,
  CodeableConcept,
  DiagnosticReport,
  Identifier,
  Observation,
  ObservationReferenceRange,
  Patient,
  Reference,
} from '@medplum/fhirtypes';
import {
  isValidPesel,
  LOINC_CODE_PATTERN,
  LOINC_SYSTEM,
  MAX_OBSERVATIONS_PER_REPORT,
  PESEL_IDENTIFIER_SYSTEM,
  type ResultFlag,
} from '@pacjent/contracts';
import { validationFailed, type FieldError } from '@pacjent/platform';

/** What the service stores of a lab's bundle, read from an already FHIR-valid Bundle. */
export interface LabReportInput {
  pesel: string;
  /** `identifier:<system>|<value>` or `id:<id>`: the lab's name for the report. */
  sourceKey: string;
  code: string | null;
  name: string;
  status: string;
  laboratory: string | null;
  effectiveAt: Date;
  issuedAt: Date;
  observations: ObservationInput[];
}

export interface ObservationInput {
  code: string;
  name: string;
  value: number;
  unit: string;
  referenceLow: number | null;
  referenceHigh: number | null;
  flag: ResultFlag | null;
  effectiveAt: Date;
}

const REPORT_STATUSES = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
];
const MAX_TEXT = 200;
const MAX_UNIT = 40;
const MAX_KEY = 300;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** HL7 v3 ObservationInterpretation codes that say where a value lies. */
const INTERPRETATION_FLAGS: Record<string, ResultFlag> = {
  L: 'low',
  LL: 'low',
  LU: 'low',
  '<': 'low',
  H: 'high',
  HH: 'high',
  HU: 'high',
  '>': 'high',
  N: 'normal',
};

/**
 * A value's flag: the lab's interpretation when it gives one we know, else
 * computed from the reference range (below low → low, above high → high,
 * else normal), else none.
 */
export function flagOf(
  value: number,
  low: number | null,
  high: number | null,
  interpretation?: CodeableConcept[],
): ResultFlag | null {
  for (const concept of interpretation ?? []) {
    for (const coding of concept.coding ?? []) {
      const flag = coding.code ? INTERPRETATION_FLAGS[coding.code] : undefined;
      if (flag) return flag;
    }
  }
  if (low !== null && value < low) return 'low';
  if (high !== null && value > high) return 'high';
  if (low !== null || high !== null) return 'normal';
  return null;
}

class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, messages: [message] });
  }
}

function text(problems: Problems, field: string, value: string | undefined, max = MAX_TEXT): string | undefined {
  if (value === undefined) return undefined;
  if (CONTROL.test(value)) problems.add(field, 'must not contain control characters');
  else if (value.length > max) problems.add(field, `must be at most ${max} characters`);
  else return value.trim();
  return undefined;
}

function instant(problems: Problems, field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  // A FHIR dateTime may be a bare date or year; a result needs a moment (a date counts as its start, UTC).
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    problems.add(field, 'must be a date with at least a day');
    return undefined;
  }
  return date;
}

function loincOf(concept: CodeableConcept | undefined): { code: string; display?: string } | undefined {
  const coding = concept?.coding?.find((c) => c.system === LOINC_SYSTEM && c.code && LOINC_CODE_PATTERN.test(c.code));
  return coding?.code ? { code: coding.code, display: coding.display } : undefined;
}

function peselOf(identifiers: Identifier[] | undefined): string | undefined {
  return identifiers?.find((identifier) => identifier.system === PESEL_IDENTIFIER_SYSTEM)?.value;
}

/** Finds the entry a reference points at: by its fullUrl, or by `Type/id`. */
function resolve<T extends { resourceType: string; id?: string }>(
  bundle: Bundle,
  reference: Reference | undefined,
  type: T['resourceType'],
): T | undefined {
  const target = reference?.reference;
  if (!target) return undefined;
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as T | undefined;
    if (resource?.resourceType !== type) continue;
    if (entry.fullUrl === target || (resource.id && target === `${type}/${resource.id}`)) return resource;
  }
  return undefined;
}

/** An Observation names no subject, or the report's (the same reference, or the same PESEL). */
function sameSubject(own: Reference | undefined, report: Reference | undefined, pesel: string | undefined): boolean {
  if (!own) return true;
  if (own.reference !== undefined) return own.reference === report?.reference;
  const ownPesel = peselOf(own.identifier ? [own.identifier] : undefined);
  return ownPesel === undefined || ownPesel === pesel;
}

function rangeOf(ranges: ObservationReferenceRange[] | undefined): { low: number | null; high: number | null } {
  // The first range is the one for this patient (FHIR: "the normal range").
  const range = ranges?.[0];
  return { low: range?.low?.value ?? null, high: range?.high?.value ?? null };
}

/**
 * Reads the one DiagnosticReport of a lab's Bundle, its patient's PESEL and
 * its Observations (those the report's `result` names, or every Observation
 * in the bundle when it names none). Throws VALIDATION_FAILED listing every
 * problem: what a FHIR-valid bundle may still lack for a result we can show.
 */
export function readLabBundle(bundle: Bundle): LabReportInput {
  const problems = new Problems();
  const resources = (bundle.entry ?? []).map((entry) => entry.resource).filter((r) => r !== undefined);
  const reports = resources.filter((r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport');
  if (reports.length !== 1) {
    throw validationFailed([
      { field: 'Bundle.entry', messages: ['the bundle must hold exactly one DiagnosticReport'] },
    ]);
  }
  const report = reports[0]!;

  const identifier = report.identifier?.find((i) => i.value);
  const sourceKey = identifier
    ? `identifier:${identifier.system ?? ''}|${identifier.value}`
    : report.id
      ? `id:${report.id}`
      : undefined;
  if (!sourceKey) problems.add('DiagnosticReport.identifier', 'the report needs an identifier (or an id)');
  else text(problems, 'DiagnosticReport.identifier', sourceKey, MAX_KEY);

  if (!REPORT_STATUSES.includes(report.status)) problems.add('DiagnosticReport.status', 'is not a report status');

  const subject = report.subject;
  const pesel =
    peselOf(subject?.identifier ? [subject.identifier] : undefined) ??
    peselOf(resolve<Patient>(bundle, subject, 'Patient')?.identifier);
  if (!pesel) {
    problems.add(
      'DiagnosticReport.subject',
      `the patient must be named by a PESEL identifier (${PESEL_IDENTIFIER_SYSTEM}), on the subject or its Patient entry`,
    );
  } else if (!isValidPesel(pesel)) {
    problems.add('DiagnosticReport.subject', 'the PESEL is not valid');
  }

  const panel = loincOf(report.code);
  const name = text(
    problems,
    'DiagnosticReport.code',
    report.code.text ?? panel?.display ?? report.code.coding?.[0]?.display,
  );
  const laboratory = text(problems, 'DiagnosticReport.performer', report.performer?.[0]?.display);
  const reportEffective = instant(problems, 'DiagnosticReport.effectiveDateTime', report.effectiveDateTime);
  const issued = instant(problems, 'DiagnosticReport.issued', report.issued);

  const named = (report.result ?? []).map((reference) => resolve<Observation>(bundle, reference, 'Observation'));
  if (named.some((observation) => observation === undefined)) {
    problems.add('DiagnosticReport.result', 'every result must point at an Observation in the bundle');
  }
  const observations =
    (report.result ?? []).length > 0
      ? named.filter((o): o is Observation => o !== undefined)
      : resources.filter((r): r is Observation => r.resourceType === 'Observation');
  if (observations.length === 0) problems.add('DiagnosticReport.result', 'the report carries no Observation');
  if (observations.length > MAX_OBSERVATIONS_PER_REPORT) {
    problems.add('DiagnosticReport.result', `at most ${MAX_OBSERVATIONS_PER_REPORT} Observations per report`);
  }

  const inputs: ObservationInput[] = [];
  observations.slice(0, MAX_OBSERVATIONS_PER_REPORT).forEach((observation, index) => {
    const at = `Observation[${index}]`;
    if (!sameSubject(observation.subject, subject, pesel)) {
      problems.add(`${at}.subject`, "must be the report's patient");
    }
    const loinc = loincOf(observation.code);
    if (!loinc) problems.add(`${at}.code`, `needs a LOINC coding (${LOINC_SYSTEM})`);
    const quantity = observation.valueQuantity;
    if (quantity?.value === undefined) problems.add(`${at}.valueQuantity`, 'needs a numeric valueQuantity');
    const unit = text(problems, `${at}.valueQuantity.unit`, quantity?.unit ?? quantity?.code, MAX_UNIT);
    const label = text(
      problems,
      `${at}.code`,
      observation.code.text ?? loinc?.display ?? observation.code.coding?.[0]?.display,
    );
    const { low, high } = rangeOf(observation.referenceRange);
    if (low !== null && high !== null && low > high) problems.add(`${at}.referenceRange`, 'low is above high');
    const effectiveAt =
      instant(problems, `${at}.effectiveDateTime`, observation.effectiveDateTime) ?? reportEffective ?? issued;
    if (!loinc || quantity?.value === undefined || !effectiveAt) return;
    inputs.push({
      code: loinc.code,
      name: label ?? loinc.code,
      value: quantity.value,
      unit: unit ?? '',
      referenceLow: low,
      referenceHigh: high,
      flag: flagOf(quantity.value, low, high, observation.interpretation),
      effectiveAt,
    });
  });

  const effectiveAt = reportEffective ?? issued ?? inputs[0]?.effectiveAt;
  if (!effectiveAt) problems.add('DiagnosticReport.effectiveDateTime', 'the report needs a date (effective or issued)');
  if (problems.list.length > 0) throw validationFailed(problems.list.slice(0, 20));

  return {
    pesel: pesel!,
    sourceKey: sourceKey!,
    code: panel?.code ?? null,
    name: name || panel?.code || 'Wynik badania',
    status: report.status,
    laboratory: laboratory || null,
    effectiveAt: effectiveAt!,
    issuedAt: issued ?? effectiveAt!,
    observations: inputs,
  };
}
