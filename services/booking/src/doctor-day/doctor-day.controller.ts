import { Controller } from '@nestjs/common';
import {
  DoctorDayDto,
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type BusRequest,
  type DoctorDayAppointmentView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { DoctorDayService } from './doctor-day.service';

@Controller()
export class DoctorDayController {
  constructor(private readonly days: DoctorDayService) {}

  @BusHandler(Subjects.booking.doctorDay)
  day(payload: BusRequest): Promise<DoctorDayAppointmentView[]> {
    const actor = payload.actor;
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
    return this.days.day(actor, validateInput(DoctorDayDto, payload.data).date);
  }
}
