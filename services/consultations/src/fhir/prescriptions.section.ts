import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { Injectable } from '@nestjs/common';
import { Subjects, type PrescriptionView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { derivedId } from './derived-id';
import type { ExportContext, RecordSection } from './record-section';

const ATC = 'http://www.whocc.no/atc';
const STATUS: Record<PrescriptionView['status'], MedicationRequest['status']> = {
  active: 'active',
  dispensed: 'completed',
  expired: 'stopped',
};

/**
 * A MedicationRequest per item of every e-prescription, from the
 * prescriptions service (which owns them), asked with the patient's own
 * actor. The access code is not exported: it is a bearer secret for the
 * pharmacy, not part of the medical record.
 */
@Injectable()
export class PrescriptionsSection implements RecordSection {
  readonly name = 'prescriptions';

  constructor(private readonly bus: BusClient) {}

  async resources(context: ExportContext): Promise<Resource[]> {
    const prescriptions = await this.bus.request<PrescriptionView[]>(Subjects.prescriptions.listPrescriptions, {
      actor: context.actor,
      data: {},
    });
    return prescriptions.flatMap((prescription) =>
      prescription.items.map((item, index): MedicationRequest => ({
        resourceType: 'MedicationRequest',
        id: derivedId('medication-request', prescription.id, String(index)),
        identifier: [{ system: 'urn:pacjent:e-prescription-key', value: `${prescription.key}/${index + 1}` }],
        status: STATUS[prescription.status],
        intent: 'order',
        medicationCodeableConcept: {
          coding: [{ system: ATC, code: item.medicine.atcCode, display: item.medicine.substance }],
          text: `${item.medicine.name} ${item.medicine.strength}, ${item.medicine.form}`,
        },
        subject: { reference: context.patientReference },
        authoredOn: prescription.issuedAt,
        dosageInstruction: [{ text: item.dosage }],
        dispenseRequest: {
          validityPeriod: { start: prescription.validFrom, end: prescription.validUntil },
          numberOfRepeatsAllowed: 0,
          quantity: { value: item.quantity, unit: 'packs' },
        },
        substitution: { allowedBoolean: !item.noSubstitution },
      })),
    );
  }
}
