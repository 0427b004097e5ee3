import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  Subjects,
  type BusRequest,
  type DoctorProfile,
  type OnlineSpecialtyService,
} from '@pacjent/contracts';
import { BusHandler } from '@pacjent/platform';
import { requireDoctor } from '../appointments/patient-actor';
import { OnlineCatalogRepository } from './online-catalog.repository';

/** For consultations' online consultations: which specialties are offered remotely, and who the asking doctor is. */
@Controller()
export class OnlineCatalogController {
  constructor(private readonly catalog: OnlineCatalogRepository) {}

  @BusHandler(Subjects.booking.onlineSpecialtyServices)
  specialtyServices(): Promise<OnlineSpecialtyService[]> {
    return this.catalog.specialtyServices();
  }

  @BusHandler(Subjects.booking.doctorProfile)
  async doctorProfile(payload: BusRequest): Promise<DoctorProfile> {
    const doctor = requireDoctor(payload.actor);
    const profile = await this.catalog.doctorOfAccount(doctor.id);
    if (!profile) throw new DomainError(ErrorCode.DOCTOR_NOT_FOUND, 'No doctor is linked to this account.');
    return profile;
  }
}
