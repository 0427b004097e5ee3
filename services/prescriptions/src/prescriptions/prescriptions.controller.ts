import { Controller } from '@nestjs/common';
import {
  CheckVisitPrescriptionsDto,
  IssuePrescriptionDto,
  PrescriptionIdDto,
  Subjects,
  type BusRequest,
  type PatientMedicineView,
  type PrescriptionView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor, requireFullPatient } from '../actors';
import { PrescriptionsService } from './prescriptions.service';

/** Issuing (doctors) and reading (the patient, always the actor) prescriptions. */
@Controller()
export class PrescriptionsController {
  constructor(private readonly prescriptions: PrescriptionsService) {}

  @BusHandler(Subjects.prescriptions.issue)
  issue(payload: BusRequest): Promise<PrescriptionView> {
    const doctor = requireDoctor(payload.actor);
    return this.prescriptions.issue(doctor, validateInput(IssuePrescriptionDto, payload.data), payload.idempotencyKey);
  }

  @BusHandler(Subjects.prescriptions.checkVisitPrescriptions)
  async checkVisit(payload: BusRequest): Promise<{ ok: true }> {
    requireDoctor(payload.actor);
    const check = validateInput(CheckVisitPrescriptionsDto, payload.data);
    await this.prescriptions.checkVisitLines(check.prescriptions, new Date(check.issuedAt));
    return { ok: true };
  }

  @BusHandler(Subjects.prescriptions.listPrescriptions)
  list(payload: BusRequest): Promise<PrescriptionView[]> {
    return this.prescriptions.list(requireFullPatient(payload.actor));
  }

  @BusHandler(Subjects.prescriptions.getPrescription)
  get(payload: BusRequest): Promise<PrescriptionView> {
    const patient = requireFullPatient(payload.actor);
    return this.prescriptions.get(patient, validateInput(PrescriptionIdDto, payload.data).id);
  }

  @BusHandler(Subjects.prescriptions.listMedicines)
  medicines(payload: BusRequest): Promise<PatientMedicineView[]> {
    return this.prescriptions.medicines(requireFullPatient(payload.actor));
  }
}
