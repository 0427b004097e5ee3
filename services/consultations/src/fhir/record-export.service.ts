import { Inject, Injectable } from '@nestjs/common';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { PESEL_IDENTIFIER_SYSTEM, Subjects, type Actor, type RecordPatientView } from '@pacjent/contracts';
import { BusClient, Clock } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import { RECORD_SECTIONS, referenceTo, type RecordSection } from './record-section';

function toPatient(view: RecordPatientView): Patient {
  return {
    resourceType: 'Patient',
    id: view.id,
    ...(view.pesel ? { identifier: [{ system: PESEL_IDENTIFIER_SYSTEM, value: view.pesel }] } : {}),
    name: [{ use: 'official', family: view.lastName, given: [view.firstName] }],
    telecom: [{ system: 'email', value: view.email }],
    ...(view.birthDate ? { birthDate: view.birthDate } : {}),
  };
}

/**
 * The patient's own record as one FHIR R4 Bundle (type `collection`): their
 * Patient (from identity), then every section's resources. Entries are named
 * `urn:uuid:<id>` and reference each other that way.
 */
@Injectable()
export class RecordExportService {
  constructor(
    @Inject(RECORD_SECTIONS) private readonly sections: RecordSection[],
    private readonly bus: BusClient,
    private readonly clock: Clock,
  ) {}

  async export(actor: Actor): Promise<Bundle> {
    const patient = await this.bus.request<RecordPatientView>(Subjects.identity.recordPatient, { actor, data: {} });
    const context = { actor, patient, patientReference: referenceTo(patient.id) };
    const sections = await Promise.all(this.sections.map((section) => section.resources(context)));
    const resources = [toPatient(patient), ...sections.flat()];
    return {
      resourceType: 'Bundle',
      id: randomUUID(),
      type: 'collection',
      timestamp: this.clock.now().toISOString(),
      entry: resources.map((resource) => ({ fullUrl: referenceTo(resource.id!), resource })),
    };
  }
}
