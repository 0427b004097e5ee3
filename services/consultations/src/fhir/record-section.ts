import type { Resource } from '@medplum/fhirtypes';
import type { Actor, RecordPatientView } from '@pacjent/contracts';

/** What every section of the export knows: who asks (always the patient themself) and their FHIR Patient. */
export interface ExportContext {
  actor: Actor;
  patient: RecordPatientView;
  /** The reference every resource's subject/patient points at. */
  patientReference: string;
}

/**
 * One part of the patient's FHIR record: results, appointments, and (as they
 * are built) encounters, conditions, service requests, medication requests.
 * A new part is one class implementing this and one entry in
 * RECORD_SECTIONS (fhir.module.ts); the assembler needs no change.
 */
export interface RecordSection {
  /** For logs and errors. */
  readonly name: string;
  resources(context: ExportContext): Promise<Resource[]>;
}

export const RECORD_SECTIONS = Symbol('RECORD_SECTIONS');

/** The bundle-local reference of a resource with this id (entries carry `urn:uuid:<id>` as fullUrl). */
export const referenceTo = (id: string): string => `urn:uuid:${id}`;
