import { Controller } from '@nestjs/common';
import {
  DoctorDayDto,
  PatientSummariesDto,
  Subjects,
  type BusRequest,
  type DoctorDayAppointmentView,
  type DoctorLastVisit,
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
}
