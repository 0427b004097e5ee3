import { Inject, Injectable } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type Actor,
  type AppointmentAccessView,
  type FileAccessView,
  type FileContentLocation,
  type FileView,
} from '@pacjent/contracts';
import { BusClient, Clock, validationFailed } from '@pacjent/platform';
import { toContentLocation, toFileView } from '../files/files.mapper';
import { FilesRepository } from '../files/files.repository';
import { AttachmentsRepository } from './attachments.repository';

const notFound = (what = 'file') => new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`);

/**
 * A patient attaches files to their own upcoming phone consultation; that
 * appointment's doctor (as booking says) lists and downloads them, and every
 * such access is logged for the patient's access history.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly files: FilesRepository,
    private readonly bus: BusClient,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async attach(actor: Actor, fileId: string, appointmentId: string): Promise<void> {
    requireFullPatient(actor);
    if (!(await this.files.findStored(actor.id, fileId))) throw notFound();
    const appointment = await this.appointment(actor, appointmentId);
    if (appointment.patientId !== actor.id) throw notFound('appointment');
    const upcoming = appointment.status === 'booked' && new Date(appointment.startsAt) > this.clock.now();
    if (appointment.channel !== 'phone' || !upcoming) {
      throw validationFailed([
        { field: 'appointmentId', messages: ['a file can be attached only to an upcoming phone consultation'] },
      ]);
    }
    await this.attachments.attach(fileId, appointmentId, this.clock.now());
  }

  async detach(actor: Actor, fileId: string, appointmentId: string): Promise<void> {
    requireFullPatient(actor);
    if (!(await this.files.findStored(actor.id, fileId))) throw notFound();
    await this.attachments.detach(fileId, appointmentId);
  }

  async doctorList(actor: Actor, appointmentId: string): Promise<FileView[]> {
    const appointment = await this.doctorsAppointment(actor, appointmentId);
    const rows = await this.attachments.attachedFiles(appointment.patientId, appointmentId);
    await this.attachments.logAccess(appointment.patientId, rows, appointmentId, actor.id, 'list', this.clock.now());
    return rows.map((row) => ({ ...toFileView(row), appointmentIds: [appointmentId] }));
  }

  async doctorLocate(actor: Actor, appointmentId: string, fileId: string): Promise<FileContentLocation> {
    const appointment = await this.doctorsAppointment(actor, appointmentId);
    const [row] = await this.attachments.attachedFiles(appointment.patientId, appointmentId, fileId);
    if (!row) throw notFound();
    await this.attachments.logAccess(
      appointment.patientId,
      [row],
      appointmentId,
      actor.id,
      'download',
      this.clock.now(),
    );
    return toContentLocation(row);
  }

  accessLog(actor: Actor): Promise<FileAccessView[]> {
    requireFullPatient(actor);
    return this.attachments.accessLog(actor.id);
  }

  /** Booking answers only the appointment's own patient or doctor; anyone else gets NOT_FOUND from it. */
  private appointment(actor: Actor, appointmentId: string): Promise<AppointmentAccessView> {
    return this.bus.request<AppointmentAccessView>(Subjects.booking.appointmentAccessCheck, {
      actor,
      data: { appointmentId },
    });
  }

  private async doctorsAppointment(actor: Actor, appointmentId: string): Promise<AppointmentAccessView> {
    if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
    const appointment = await this.appointment(actor, appointmentId);
    if (appointment.doctorAccountId !== actor.id) throw notFound('appointment');
    return appointment;
  }
}

function requireFullPatient(actor: Actor): void {
  if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
  if (actor.level !== AccountLevel.FULL) {
    throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to keep files.');
  }
}
