import type { Condition, Encounter, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { Injectable } from '@nestjs/common';
import type { Actor, RecordVisitView, ReferralView } from '@pacjent/contracts';
import { RecordService } from '../record/record.service';
import { derivedId } from './derived-id';
import { referenceTo, type ExportContext, type RecordSection } from './record-section';

const PAGE = 100;
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const REFERRAL_STATUS: Record<ReferralView['status'], ServiceRequest['status']> = {
  active: 'active',
  used: 'completed',
  // Not revoked by anyone: its validity ended. FHIR's request status has no "expired".
  expired: 'unknown',
};

/**
 * The treatment record: an Encounter per completed visit, a Condition per
 * diagnosis (ICD-10) and a ServiceRequest per referral issued at it. Read from
 * consultations' own record, page by page. A missed visit (no-show) has no
 * Encounter: its Appointment says `noshow`.
 */
@Injectable()
export class VisitsSection implements RecordSection {
  readonly name = 'visits';

  constructor(private readonly record: RecordService) {}

  async resources(context: ExportContext): Promise<Resource[]> {
    const visits = await this.allVisits(context.actor);
    return visits
      .filter((visit) => visit.status === 'completed')
      .flatMap((visit) => {
        const encounter = toEncounter(visit, context.patientReference);
        return [
          encounter,
          ...visit.diagnoses.map((diagnosis) => toCondition(visit, diagnosis, encounter, context.patientReference)),
          ...visit.referrals.map((referral) => toServiceRequest(referral, encounter, context.patientReference)),
        ];
      });
  }

  private async allVisits(patient: Actor): Promise<RecordVisitView[]> {
    const visits: RecordVisitView[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.record.page(patient, { limit: PAGE, offset });
      visits.push(...page.items);
      if (page.items.length < PAGE || visits.length >= page.total) return visits;
    }
  }
}

function toEncounter(visit: RecordVisitView, patient: string): Encounter {
  const remote = visit.channel !== 'in_person';
  return {
    resourceType: 'Encounter',
    id: derivedId('encounter', visit.id),
    status: 'finished',
    class: remote
      ? { system: ACT_CODE, code: 'VR', display: 'virtual' }
      : { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
    serviceType: { text: visit.service.name },
    subject: { reference: patient },
    participant: [{ individual: { display: visit.doctor.name } }],
    appointment: [{ reference: referenceTo(visit.id) }],
    period: { start: visit.startsAt, end: visit.completedAt },
  };
}

function toCondition(
  visit: RecordVisitView,
  diagnosis: RecordVisitView['diagnoses'][number],
  encounter: Encounter,
  patient: string,
): Condition {
  return {
    resourceType: 'Condition',
    id: derivedId('condition', visit.id, diagnosis.code),
    code: { coding: [{ system: ICD10, code: diagnosis.code, display: diagnosis.name }], text: diagnosis.name },
    subject: { reference: patient },
    encounter: { reference: referenceTo(encounter.id!) },
    recordedDate: visit.completedAt,
    recorder: { display: visit.doctor.name },
  };
}

function toServiceRequest(referral: ReferralView, encounter: Encounter, patient: string): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    status: REFERRAL_STATUS[referral.status],
    intent: 'order',
    category: [{ text: referral.kind }],
    code: { text: referral.service.name },
    subject: { reference: patient },
    encounter: { reference: referenceTo(encounter.id!) },
    authoredOn: referral.issuedAt,
    requester: { display: referral.doctor.name },
    occurrencePeriod: { start: referral.issuedAt, end: referral.validUntil },
    quantityQuantity: { value: referral.sessionsTotal, unit: 'sessions' },
  };
}
