import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  RENEWAL_DAILY_LIMIT,
  type Actor,
  type ApproveRenewalPayloadDto,
  type DeclineRenewalPayloadDto,
  type DoctorRenewalView,
  type PrescriptionView,
  type RenewalRequestView,
  type RenewalStatus,
  type RequestRenewalDto,
} from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { notFound } from '../actors';
import { isUniqueViolation } from '../database-errors';
import { newAccessCode, newPrescriptionKey } from '../prescriptions/access-code';
import { historySince, PrescriptionsRepository } from '../prescriptions/prescriptions.repository';
import { decideValidity } from '../prescriptions/validity';
import { warsawDate } from '../prescriptions/warsaw-date';
import { RenewalsRepository } from './renewals.repository';

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
    const doctors = new Set(last.map((item) => item.doctorId));
    const doctorId = doctors.size === 1 ? [...doctors][0]! : null;
    const note = request.note?.trim() || null;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const id = await this.renewals.insert(tx, {
          patientId: patient.id,
          doctorId,
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
    const requests = await this.renewals.listForDoctor(doctor.id, status);
    const today = warsawDate(now);
    const medicines = new Map(
      await Promise.all(
        [...new Set(requests.map((r) => r.patientId))].map(
          async (patientId) =>
            [patientId, await this.prescriptions.patientMedicines(patientId, historySince(now), today)] as const,
        ),
      ),
    );
    return requests.map((request) => ({
      ...request,
      waitingSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(request.createdAt)) / 1000)),
      patientMedicines: medicines.get(request.patientId) ?? [],
    }));
  }

  async approve(doctor: Actor, approval: ApproveRenewalPayloadDto): Promise<PrescriptionView> {
    const now = this.clock.now();
    const request = await this.renewals.findForDoctor(approval.id, doctor.id);
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
    return this.dataSource.transaction(async (tx) => {
      const decided = await this.renewals.decide(tx, {
        id: request.id,
        doctorId: doctor.id,
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
      return this.prescriptions.view(id, today, tx);
    });
  }

  async decline(doctor: Actor, decline: DeclineRenewalPayloadDto): Promise<RenewalRequestView> {
    const request = await this.renewals.findForDoctor(decline.id, doctor.id);
    if (!request) throw notFound('renewal request');
    return this.dataSource.transaction(async (tx) => {
      const decided = await this.renewals.decide(tx, {
        id: request.id,
        doctorId: doctor.id,
        status: 'declined',
        reason: decline.reason.trim(),
        at: this.clock.now(),
      });
      if (!decided) throw alreadyDecided();
      return this.renewals.view(request.id, tx);
    });
  }
}
