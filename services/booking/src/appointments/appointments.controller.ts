import { Controller } from '@nestjs/common';
import {
  AppointmentIdDto,
  CreateAppointmentDto,
  ListAppointmentsDto,
  RescheduleRequestDto,
  StaffCreateAppointmentDto,
  StaffPatientIdDto,
  type AppointmentCalendar,
  Subjects,
  type AppointmentView,
  type BusRequest,
  type CancelResult,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { AppointmentsService } from './appointments.service';
import { requirePatient, requireStaff } from './patient-actor';

/** A patient's own appointments; the patient is always the actor. */
@Controller()
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @BusHandler(Subjects.booking.createAppointment)
  create(payload: BusRequest): Promise<AppointmentView> {
    const actor = requirePatient(payload.actor);
    return this.appointments.create(actor, validateInput(CreateAppointmentDto, payload.data), payload.idempotencyKey);
  }

  @BusHandler(Subjects.booking.listAppointments)
  list(payload: BusRequest): Promise<AppointmentView[]> {
    const actor = requirePatient(payload.actor);
    return this.appointments.list(actor, validateInput(ListAppointmentsDto, payload.data));
  }

  @BusHandler(Subjects.booking.getAppointment)
  get(payload: BusRequest): Promise<AppointmentView> {
    const actor = requirePatient(payload.actor);
    return this.appointments.get(actor, validateInput(AppointmentIdDto, payload.data));
  }

  @BusHandler(Subjects.booking.rescheduleAppointment)
  reschedule(payload: BusRequest): Promise<AppointmentView> {
    const actor = requirePatient(payload.actor);
    return this.appointments.reschedule(
      actor,
      validateInput(RescheduleRequestDto, payload.data),
      payload.idempotencyKey,
    );
  }

  @BusHandler(Subjects.booking.appointmentCalendar)
  calendar(payload: BusRequest): Promise<AppointmentCalendar> {
    const actor = requirePatient(payload.actor);
    return this.appointments.calendar(actor, validateInput(AppointmentIdDto, payload.data));
  }

  @BusHandler(Subjects.booking.staffCreateAppointment)
  createByStaff(payload: BusRequest): Promise<AppointmentView> {
    const actor = requireStaff(payload.actor);
    return this.appointments.createByStaff(
      actor,
      validateInput(StaffCreateAppointmentDto, payload.data),
      payload.idempotencyKey,
    );
  }

  @BusHandler(Subjects.booking.staffPatientAppointments)
  listForStaff(payload: BusRequest): Promise<AppointmentView[]> {
    requireStaff(payload.actor);
    return this.appointments.listForStaff(validateInput(StaffPatientIdDto, payload.data).patientId);
  }

  @BusHandler(Subjects.booking.cancelAppointment)
  cancel(payload: BusRequest): Promise<CancelResult> {
    const actor = requirePatient(payload.actor);
    return this.appointments.cancel(actor, validateInput(AppointmentIdDto, payload.data), payload.idempotencyKey);
  }
}
