import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type IssuePrescriptionDto,
  type PatientMedicineView,
  type PrescriptionView,
} from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { notFound } from '../actors';
import { CatalogRepository } from '../catalog/catalog.repository';
import { newAccessCode, newPrescriptionKey } from './access-code';
import { historySince, PrescriptionsRepository } from './prescriptions.repository';
import { VisitRelationsClient } from './relations.client';
import { decideValidity } from './validity';
import { warsawDate } from './warsaw-date';

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
   * for them (NOT_FOUND).
   */
  async issue(doctor: Actor, request: IssuePrescriptionDto): Promise<PrescriptionView> {
    const now = this.clock.now();
    if (!(await this.isRelated(doctor, request.patientId, now))) throw notFound('patient');
    const ids = request.items.map((item) => item.medicineId);
    const duplicate = ids.findIndex((id, index) => ids.indexOf(id) !== index);
    if (duplicate >= 0) {
      throw validationFailed([{ field: `items.${duplicate}.medicineId`, messages: ['a medicine may appear once'] }]);
    }
    const medicines = new Map((await this.catalog.findByIds(ids)).map((row) => [row.id, row]));
    const unknown = ids.findIndex((id) => !medicines.has(id));
    if (unknown >= 0) {
      throw validationFailed([{ field: `items.${unknown}.medicineId`, messages: ['no such medicine'] }]);
    }
    const today = warsawDate(now);
    const validity = decideValidity(
      request,
      request.items.map((item) => ({ ...medicines.get(item.medicineId)!, supplyDays: item.supplyDays })),
      today,
    );
    return this.dataSource.transaction(async (tx) => {
      const id = await this.prescriptions.insert(tx, {
        ...validity,
        patientId: request.patientId,
        doctorId: doctor.id,
        appointmentId: request.appointmentId ?? null,
        renewalRequestId: null,
        accessCode: newAccessCode(),
        key: newPrescriptionKey(),
        issuedAt: now,
        items: request.items.map((item) => ({
          medicineId: item.medicineId,
          dosage: item.dosage.trim(),
          quantity: item.quantity,
          refundLevel: item.refundLevel,
          noSubstitution: item.noSubstitution ?? false,
          supplyDays: item.supplyDays ?? null,
        })),
      });
      return this.prescriptions.view(id, today, tx);
    });
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
