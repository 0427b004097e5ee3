import { Controller } from '@nestjs/common';
import {
  ApproveRenewalPayloadDto,
  DeclineRenewalPayloadDto,
  ListDoctorRenewalsDto,
  RequestRenewalDto,
  Subjects,
  type BusRequest,
  type DoctorRenewalView,
  type PrescriptionView,
  type RenewalRequestView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor, requireFullPatient } from '../actors';
import { RenewalsService } from './renewals.service';

/** Patients ask for renewals; doctors work through their queue. */
@Controller()
export class RenewalsController {
  constructor(private readonly renewals: RenewalsService) {}

  @BusHandler(Subjects.prescriptions.requestRenewal)
  request(payload: BusRequest): Promise<RenewalRequestView> {
    const patient = requireFullPatient(payload.actor);
    return this.renewals.request(patient, validateInput(RequestRenewalDto, payload.data));
  }

  @BusHandler(Subjects.prescriptions.listRenewals)
  list(payload: BusRequest): Promise<RenewalRequestView[]> {
    return this.renewals.list(requireFullPatient(payload.actor));
  }

  @BusHandler(Subjects.prescriptions.doctorListRenewals)
  queue(payload: BusRequest): Promise<DoctorRenewalView[]> {
    const doctor = requireDoctor(payload.actor);
    return this.renewals.queue(doctor, validateInput(ListDoctorRenewalsDto, payload.data).status ?? 'pending');
  }

  @BusHandler(Subjects.prescriptions.approveRenewal)
  approve(payload: BusRequest): Promise<PrescriptionView> {
    const doctor = requireDoctor(payload.actor);
    return this.renewals.approve(doctor, validateInput(ApproveRenewalPayloadDto, payload.data));
  }

  @BusHandler(Subjects.prescriptions.declineRenewal)
  decline(payload: BusRequest): Promise<RenewalRequestView> {
    const doctor = requireDoctor(payload.actor);
    return this.renewals.decline(doctor, validateInput(DeclineRenewalPayloadDto, payload.data));
  }
}
