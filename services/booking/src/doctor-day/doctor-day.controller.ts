import { Controller } from '@nestjs/common';
import {
  DoctorAccountsDto,
  DoctorDayDto,
  PatientSummariesDto,
  Subjects,
  type BusRequest,
  type DoctorDayAppointmentView,
  type DoctorLastVisit,
  type DoctorStanding,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../appointments/patient-actor';
import { DoctorDayService } from './doctor-day.service';

@Controller()
export class DoctorDayController {
  constructor(private readonly days: DoctorDayService) {}

  @BusHandler(Subjects.booking.doctorDay)
  day(payload: BusRequest): Promise<DoctorDayAppointmentView[]> {
    const actor = requireDoctor(payload.actor);
    return this.days.day(actor, validateInput(DoctorDayDto, payload.data).date);
  }

  @BusHandler(Subjects.booking.doctorLastVisits)
  lastVisits(payload: BusRequest): Promise<DoctorLastVisit[]> {
    const actor = requireDoctor(payload.actor);
    const { patientIds } = validateInput(PatientSummariesDto, payload.data);
    return this.days.lastVisits(actor, patientIds);
  }

  /** Only prescriptions may ask (bus permissions); it names doctors, not patients. */
  @BusHandler(Subjects.booking.doctorStanding)
  standing(payload: BusRequest): Promise<DoctorStanding[]> {
    return this.days.standing(validateInput(DoctorAccountsDto, payload.data).accountIds);
  }
}
