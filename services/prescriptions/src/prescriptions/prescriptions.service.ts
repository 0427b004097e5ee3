import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type Actor,
  type IssuePrescriptionDto,
  type PatientMedicineView,
  type PrescriptionItemDto,
  type PrescriptionValidityDto,
  type PrescriptionView,
  type VisitPrescriptionLineDto,
  type VisitPrescriptionsEvent,
} from '@pacjent/contracts';
import { Clock, requestHash, validationFailed } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { notFound } from '../actors';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { MedicineRow } from '../catalog/medicine.mapper';
import { newAccessCode, newPrescriptionKey } from './access-code';
import {
  historySince,
  PrescriptionsRepository,
  type NewPrescription,
  type NewPrescriptionItem,
} from './prescriptions.repository';
import { VisitRelationsClient } from './relations.client';
import { decideValidity, type Validity } from './validity';
import { warsawDate } from './warsaw-date';

/** A prescription's validity and items, checked and ready to write. */
interface Prepared {
  validity: Validity;
  items: NewPrescriptionItem[];
}

/** Doctors issue prescriptions to patients they are related to; patients read their own. */
@Injectable()
export class PrescriptionsService {
  constructor(
    private readonly prescriptions: PrescriptionsRepository,
    private readonly catalog: CatalogRepository,
    private readonly relations: VisitRelationsClient,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A doctor's prescription for a patient they have a relation with (a visit
   * in the past 12 months or the next 7 days, as booking says, or a renewal
   * request addressed to them); with no relation the patient does not exist
   * for them (NOT_FOUND). Under an Idempotency-Key a repeat of the same
   * request answers the prescription it issued; the key with another body is
   * IDEMPOTENCY_KEY_REUSED. The database decides concurrent repeats.
   */
  async issue(doctor: Actor, request: IssuePrescriptionDto, idempotencyKey?: string): Promise<PrescriptionView> {
    const now = this.clock.now();
    const today = warsawDate(now);
    const hash = requestHash('prescriptions.issue', request);
    if (idempotencyKey) {
      const earlier = await this.prescriptions.findByIdempotencyKey(doctor.id, idempotencyKey);
      if (earlier) return this.repeated(earlier, hash, today);
    }
    if (!(await this.isRelated(doctor, request.patientId, now))) throw notFound('patient');
    const { validity, items } = await this.prepare(request.items, request, today);
    const prescription: NewPrescription = {
      ...validity,
      patientId: request.patientId,
      doctorId: doctor.id,
      appointmentId: request.appointmentId ?? null,
      renewalRequestId: null,
      accessCode: newAccessCode(),
      key: newPrescriptionKey(),
      issuedAt: now,
      items,
      ...(idempotencyKey ? { idempotencyKey, requestHash: hash } : {}),
    };
    const id = await this.dataSource.transaction((tx) =>
      idempotencyKey
        ? this.prescriptions.insertOnce(tx, prescription, 'UQ_prescriptions_doctor_id_idempotency_key')
        : this.prescriptions.insert(tx, prescription),
    );
    if (id) return this.prescriptions.view(id, today);
    // A concurrent request with the same key issued it first (our insert waited for its commit).
    const winner = await this.prescriptions.findByIdempotencyKey(doctor.id, idempotencyKey!);
    return this.repeated(winner!, hash, today);
  }

  /**
   * Whether the lines of a visit outcome form would be issued at `issuedAt`
   * (asked by consultations before it stores the outcome): the same checks
   * as issuing, errors named `prescriptions.N…`.
   */
  async checkVisitLines(lines: VisitPrescriptionLineDto[], issuedAt: Date): Promise<void> {
    await this.prepareVisitLines(lines, warsawDate(issuedAt));
  }

  /**
   * Issues the prescriptions of a completed visit (its event from
   * consultations, ADR 0017): one per line, all in one transaction, each
   * skipped when that (appointment, line) was issued already, so a
   * redelivered event issues nothing new. The visit's own doctor prescribed
   * them and consultations checked that with booking: no relation check here.
   * Answers how many were issued now.
   */
  async issueForVisit(event: VisitPrescriptionsEvent): Promise<number> {
    const issuedAt = new Date(event.issuedAt);
    const prepared = await this.prepareVisitLines(event.prescriptions, warsawDate(issuedAt));
    return this.dataSource.transaction(async (tx) => {
      let issued = 0;
      for (const [index, { validity, items }] of prepared.entries()) {
        const id = await this.prescriptions.insertOnce(
          tx,
          {
            ...validity,
            patientId: event.patientId,
            doctorId: event.doctorAccountId,
            appointmentId: event.appointmentId,
            visitLine: index + 1,
            renewalRequestId: null,
            accessCode: newAccessCode(),
            key: newPrescriptionKey(),
            issuedAt,
            items,
          },
          'UQ_prescriptions_appointment_id_visit_line',
        );
        if (id) issued += 1;
      }
      return issued;
    });
  }

  private repeated(
    earlier: { id: string; requestHash: string },
    hash: string,
    today: string,
  ): Promise<PrescriptionView> {
    if (earlier.requestHash !== hash) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for another request.');
    }
    return this.prescriptions.view(earlier.id, today);
  }

  /** Each visit line as a one-item prescription; a line's validity error names its line. */
  private async prepareVisitLines(lines: VisitPrescriptionLineDto[], today: string): Promise<Prepared[]> {
    const medicines = await this.medicinesOf(
      lines.map((line) => line.medicineId),
      'prescriptions',
    );
    return lines.map((line, index) => {
      try {
        return this.prepared([line], line, medicines, today);
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.PRESCRIPTION_VALIDITY_INVALID) {
          throw new DomainError(error.code, `Line ${index + 1}: ${error.message}`, { ...error.details, line: index });
        }
        throw error;
      }
    });
  }

  private async prepare(
    items: PrescriptionItemDto[],
    validity: PrescriptionValidityDto,
    today: string,
  ): Promise<Prepared> {
    const ids = items.map((item) => item.medicineId);
    const duplicate = ids.findIndex((id, index) => ids.indexOf(id) !== index);
    if (duplicate >= 0) {
      throw validationFailed([{ field: `items.${duplicate}.medicineId`, messages: ['a medicine may appear once'] }]);
    }
    return this.prepared(items, validity, await this.medicinesOf(ids, 'items'), today);
  }

  /** The catalog rows of `ids`; an unknown one is a validation error on `${field}.N.medicineId`. */
  private async medicinesOf(ids: string[], field: string): Promise<Map<string, MedicineRow>> {
    const medicines = new Map((await this.catalog.findByIds(ids)).map((row) => [row.id, row]));
    const unknown = ids.findIndex((id) => !medicines.has(id));
    if (unknown >= 0) {
      throw validationFailed([{ field: `${field}.${unknown}.medicineId`, messages: ['no such medicine'] }]);
    }
    return medicines;
  }

  private prepared(
    items: PrescriptionItemDto[],
    requested: PrescriptionValidityDto,
    medicines: Map<string, MedicineRow>,
    today: string,
  ): Prepared {
    const validity = decideValidity(
      requested,
      items.map((item) => ({ ...medicines.get(item.medicineId)!, supplyDays: item.supplyDays })),
      today,
    );
    return {
      validity,
      items: items.map((item) => ({
        medicineId: item.medicineId,
        dosage: item.dosage.trim(),
        quantity: item.quantity,
        refundLevel: item.refundLevel,
        noSubstitution: item.noSubstitution ?? false,
        supplyDays: item.supplyDays ?? null,
      })),
    };
  }

  list(patient: Actor): Promise<PrescriptionView[]> {
    return this.prescriptions.listForPatient(patient.id, warsawDate(this.clock.now()));
  }

  async get(patient: Actor, id: string): Promise<PrescriptionView> {
    const found = await this.prescriptions.findForPatient(patient.id, id, warsawDate(this.clock.now()));
    if (!found) throw notFound('prescription');
    return found;
  }

  medicines(patient: Actor): Promise<PatientMedicineView[]> {
    const now = this.clock.now();
    return this.prescriptions.patientMedicines(patient.id, historySince(now), warsawDate(now));
  }

  private async isRelated(doctor: Actor, patientId: string, now: Date): Promise<boolean> {
    if (await this.prescriptions.hasRenewalRelation(doctor.id, patientId, historySince(now))) return true;
    return this.relations.related(doctor, patientId);
  }
}
