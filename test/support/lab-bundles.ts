import { LOINC_SYSTEM, PESEL_IDENTIFIER_SYSTEM } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';

export interface LabValue {
  code: string;
  display: string;
  value: number;
  unit: string;
  low?: number;
  high?: number;
  /** An HL7 v3 ObservationInterpretation code (L, H, N…), as the lab sends it. */
  interpretation?: string;
}

export interface LabBundleOptions {
  pesel: string;
  /** The lab's identifier of the report (the dedup key); random by default. */
  reportNumber?: string;
  effective?: string;
  panel?: { code: string; display: string };
  values?: LabValue[];
}

export const LIPIDS: LabValue[] = [
  { code: '2093-3', display: 'Cholesterol całkowity', value: 232, unit: 'mg/dL', high: 190 },
  { code: '2085-9', display: 'Cholesterol HDL', value: 38, unit: 'mg/dL', low: 40, interpretation: 'L' },
  { code: '2571-8', display: 'Triglicerydy', value: 120, unit: 'mg/dL', high: 150 },
];

/**
 * A FHIR R4 transaction-free `collection` Bundle as a laboratory would send
 * it: a Patient named by PESEL, a DiagnosticReport pointing at it and at its
 * Observations (by urn:uuid fullUrls).
 */
export function labBundle(options: LabBundleOptions): Record<string, any> {
  const patientUrl = `urn:uuid:${randomUUID()}`;
  const effective = options.effective ?? new Date().toISOString();
  const values = options.values ?? LIPIDS;
  const observations = values.map((value) => ({
    fullUrl: `urn:uuid:${randomUUID()}`,
    resource: {
      resourceType: 'Observation',
      status: 'final',
      category: [
        {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }],
        },
      ],
      code: { coding: [{ system: LOINC_SYSTEM, code: value.code, display: value.display }], text: value.display },
      subject: { reference: patientUrl },
      effectiveDateTime: effective,
      valueQuantity: { value: value.value, unit: value.unit, system: 'http://unitsofmeasure.org', code: value.unit },
      ...(value.low !== undefined || value.high !== undefined
        ? {
            referenceRange: [
              {
                ...(value.low !== undefined ? { low: { value: value.low, unit: value.unit } } : {}),
                ...(value.high !== undefined ? { high: { value: value.high, unit: value.unit } } : {}),
              },
            ],
          }
        : {}),
      ...(value.interpretation
        ? {
            interpretation: [
              {
                coding: [
                  {
                    system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
                    code: value.interpretation,
                  },
                ],
              },
            ],
          }
        : {}),
    },
  }));
  const panel = options.panel ?? { code: '57698-3', display: 'Lipidogram' };
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: patientUrl,
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: PESEL_IDENTIFIER_SYSTEM, value: options.pesel }],
        },
      },
      {
        fullUrl: `urn:uuid:${randomUUID()}`,
        resource: {
          resourceType: 'DiagnosticReport',
          identifier: [{ system: 'urn:example:lab:report', value: options.reportNumber ?? randomUUID() }],
          status: 'final',
          code: { coding: [{ system: LOINC_SYSTEM, code: panel.code, display: panel.display }], text: panel.display },
          subject: { reference: patientUrl },
          effectiveDateTime: effective,
          issued: effective,
          performer: [{ display: 'Laboratorium Centralne' }],
          result: observations.map((observation) => ({ reference: observation.fullUrl })),
        },
      },
      ...observations,
    ],
  };
}
