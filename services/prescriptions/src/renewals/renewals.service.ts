import { Injectable } from '@nestjs/common';
import {
  ageOn,
  DomainError,
  ErrorCode,
  RENEWAL_DAILY_LIMIT,
  type Actor,
  type ApproveRenewalPayloadDto,
  type DeclineRenewalPayloadDto,
  type DoctorLastVisit,
  type DoctorRenewalView,
  type PatientSummary,
  type PrescriptionView,
  type RenewalRequestView,
  type RenewalStatus,
  type RenewalDecidedEvent,
  type RequestRenewalDto,
  Subjects,
} from '@pacjent/contracts';
import { Clock, isUniqueViolation, validationFailed } from '@pacjent/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../actors';
import { PrescriptionsEvents } from '../events/prescriptions-events';
import { newAccessCode, newPrescriptionKey } from '../prescriptions/access-code';
import { historySince, PrescriptionsRepository } from '../prescriptions/prescriptions.repository';
import { decideValidity } from '../prescriptions/validity';
import { warsawDate } from '../prescriptions/warsaw-date';
import { RenewalFactsClient } from './renewal-facts.client';
import { RenewalsRepository, type DoctorScope } from './renewals.repository';

const alreadyDecided = () => new DomainError(ErrorCode.RENEWAL_ALREADY_DECIDED, 'This request has been decided.');

/**
 * Renewal requests ("Zamów e-Receptę"): a full patient asks for medicines
 * from their last 12 months; the request goes to the doctor who last
 * prescribed them all, or to the pool (any doctor) when they came from
 * different doctors. A doctor approves it (a new prescription repeating the
 * last one, with their changes) or declines it with a reason, exactly once.
 */
@Injectable()
export class RenewalsService {
  constructor(
    private readonly renewals: RenewalsRepository,
    private readonly prescriptions: PrescriptionsRepository,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: PrescriptionsEvents,
    private readonly renewalFacts: RenewalFactsClient,
  ) {}

  async request(patient: Actor, request: RequestRenewalDto): Promise<RenewalRequestView> {
    const now = this.clock.now();
    const last = await this.prescriptions.lastPrescribed(patient.id, request.medicineIds, historySince(now));
    const missing = request.medicineIds.filter((id) => !last.some((item) => item.medicineId === id));
    if (missing.length > 0) throw notFound('medicine');
    if (last.some((item) => item.controlled)) {
      throw new DomainError(
        ErrorCode.RENEWAL_NOT_ALLOWED,
        'Controlled substances are not renewed online: book a visit.',
        { medicineIds: last.filter((item) => item.controlled).map((item) => item.medicineId) },
      );
    }
    const { doctorId, poolSpecialties } = await this.addressee(patient, new Set(last.map((item) => item.doctorId)));
    const note = request.note?.trim() || null;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const id = await this.renewals.insert(tx, {
          patientId: patient.id,
          doctorId,
          poolSpecialties,
          note,
          createdAt: now,
          medicineIds: request.medicineIds,
        });
        if (!(await this.renewals.countToday(tx, patient.id, now, RENEWAL_DAILY_LIMIT))) {
          throw new DomainError(
            ErrorCode.RENEWAL_LIMIT_REACHED,
            `At most ${RENEWAL_DAILY_LIMIT} renewal requests a day.`,
            { limit: RENEWAL_DAILY_LIMIT },
          );
        }
        return this.renewals.view(id, tx);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_renewal_request_items_pending')) {
        throw new DomainError(ErrorCode.RENEWAL_ALREADY_PENDING, 'A request for this medicine is already waiting.');
      }
      throw error;
    }
  }

  list(patient: Actor): Promise<RenewalRequestView[]> {
    return this.renewals.listForPatient(patient.id);
  }

  async queue(doctor: Actor, status: RenewalStatus): Promise<DoctorRenewalView[]> {
    const now = this.clock.now();
    const requests = await this.renewals.listForDoctor(await this.scopeOf(doctor), status);
    const today = warsawDate(now);
    const patientIds = [...new Set(requests.map((r) => r.patientId))];
    const [people, lastVisits] = await Promise.all([
      this.renewalFacts.summaries(doctor, patientIds),
      this.renewalFacts.lastVisits(doctor, patientIds),
    ]);
    const medicines = new Map(
      await Promise.all(
        patientIds.map(
          async (patientId) =>
            [patientId, await this.prescriptions.patientMedicines(patientId, historySince(now), today)] as const,
        ),
      ),
    );
    return requests.map((request) => ({
      ...request,
      waitingSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(request.createdAt)) / 1000)),
      patientMedicines: medicines.get(request.patientId) ?? [],
      patient: patientOf(people.get(request.patientId), today),
      lastVisit: lastVisitOf(lastVisits.get(request.patientId)),
    }));
  }

  async approve(doctor: Actor, approval: ApproveRenewalPayloadDto): Promise<PrescriptionView> {
    const now = this.clock.now();
    const scope = await this.scopeOf(doctor);
    const request = await this.renewals.findForDoctor(approval.id, scope);
    if (!request) throw notFound('renewal request');
    if (request.status !== 'pending') throw alreadyDecided();
    const last = await this.prescriptions.lastPrescribed(request.patientId, request.medicineIds, new Date(0));
    const changes = approval.items ?? [];
    const stray = changes.findIndex((change) => !request.medicineIds.includes(change.medicineId));
    if (stray >= 0) {
      throw validationFailed([{ field: `items.${stray}.medicineId`, messages: ['not in this request'] }]);
    }
    const items = request.medicineIds.map((medicineId) => {
      const before = last.find((item) => item.medicineId === medicineId)!;
      const change = changes.find((c) => c.medicineId === medicineId);
      return {
        ...before,
        dosage: change?.dosage ?? before.dosage,
        quantity: change?.quantity ?? before.quantity,
        refundLevel: change?.refundLevel ?? before.refundLevel,
        supplyDays: change?.supplyDays ?? before.supplyDays,
      };
    });
    const today = warsawDate(now);
    const validity = decideValidity(approval, items, today);
    const issued = await this.dataSource.transaction(async (tx) => {
      const decided = await this.renewals.decide(tx, {
        id: request.id,
        doctor: scope,
        status: 'approved',
        reason: null,
        at: now,
      });
      if (!decided) throw alreadyDecided();
      const id = await this.prescriptions.insert(tx, {
        ...validity,
        patientId: request.patientId,
        doctorId: doctor.id,
        appointmentId: null,
        renewalRequestId: request.id,
        accessCode: newAccessCode(),
        key: newPrescriptionKey(),
        issuedAt: now,
        items: items.map((item) => ({
          medicineId: item.medicineId,
          dosage: item.dosage.trim(),
          quantity: item.quantity,
          refundLevel: item.refundLevel,
          noSubstitution: item.noSubstitution,
          supplyDays: item.supplyDays ?? null,
        })),
      });
      const view = await this.prescriptions.view(id, today, tx);
      await this.announce(
        tx,
        request,
        'approved',
        view.items.map((item) => item.medicine.name),
        now,
      );
      return view;
    });
    void this.events.flush();
    return issued;
  }

  async decline(doctor: Actor, decline: DeclineRenewalPayloadDto): Promise<RenewalRequestView> {
    const scope = await this.scopeOf(doctor);
    const request = await this.renewals.findForDoctor(decline.id, scope);
    if (!request) throw notFound('renewal request');
    const now = this.clock.now();
    const declined = await this.dataSource.transaction(async (tx) => {
      const decided = await this.renewals.decide(tx, {
        id: request.id,
        doctor: scope,
        status: 'declined',
        reason: decline.reason.trim(),
        at: now,
      });
      if (!decided) throw alreadyDecided();
      const view = await this.renewals.view(request.id, tx);
      await this.announce(
        tx,
        request,
        'declined',
        view.medicines.map((medicine) => medicine.name),
        now,
      );
      return view;
    });
    void this.events.flush();
    return declined;
  }

  /**
   * Who a request goes to: the doctor who last prescribed all its medicines
   * while booking says they still work here (a schedule or a slot ahead);
   * when that doctor is gone, the pool of their specialties; when different
   * doctors prescribed them, the open pool. Booking silent: the doctor keeps it.
   */
  private async addressee(
    patient: Actor,
    prescribers: Set<string>,
  ): Promise<{ doctorId: string | null; poolSpecialties: string[] }> {
    if (prescribers.size !== 1) return { doctorId: null, poolSpecialties: [] };
    const doctorId = [...prescribers][0]!;
    const standing = (await this.renewalFacts.standing(patient, [doctorId])).get(doctorId);
    if (!standing || standing.working) return { doctorId, poolSpecialties: [] };
    return { doctorId: null, poolSpecialties: standing.specialties };
  }

  /** The acting doctor with their specialties (which pools they take); unknown to booking: none. */
  private async scopeOf(doctor: Actor): Promise<DoctorScope> {
    const standing = (await this.renewalFacts.standing(doctor, [doctor.id])).get(doctor.id);
    return { id: doctor.id, specialties: standing?.specialties ?? [] };
  }

  /** The decision's event for the patient's bell, in the deciding transaction (ADR 0017): names, never codes. */
  private announce(
    tx: EntityManager,
    request: { id: string; patientId: string },
    status: RenewalDecidedEvent['status'],
    medicineNames: string[],
    at: Date,
  ): Promise<void> {
    const names = [...new Set(medicineNames)].join(', ');
    const event: RenewalDecidedEvent = {
      patientId: request.patientId,
      renewalRequestId: request.id,
      status,
      title: names.length > 200 ? `${names.slice(0, 199)}…` : names,
      occurredAt: at.toISOString(),
    };
    return this.events.record(tx, Subjects.prescriptions.renewalDecidedEvent, [event]);
  }
}

function patientOf(summary: PatientSummary | undefined, today: string): DoctorRenewalView['patient'] {
  if (!summary) return null;
  return {
    name: `${summary.firstName} ${summary.lastName}`,
    age: summary.birthDate ? ageOn(summary.birthDate, today) : null,
    pesel: summary.pesel,
  };
}

function lastVisitOf(visit: DoctorLastVisit | undefined): DoctorRenewalView['lastVisit'] {
  return visit ? { startsAt: visit.startsAt, service: visit.service } : null;
}
