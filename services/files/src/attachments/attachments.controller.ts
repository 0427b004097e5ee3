import { Controller } from '@nestjs/common';
import {
  DoctorFileDto,
  FileAttachmentDto,
  Subjects,
  AppointmentAccessDto,
  type BusRequest,
  type FileAccessView,
  type FileContentLocation,
  type FileView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireActor } from '../files/patient-actor';
import { AttachmentsService } from './attachments.service';

/** Files attached to phone consultations: the patient attaches, the appointment's doctor reads. */
@Controller()
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @BusHandler(Subjects.files.attach)
  async attach(payload: BusRequest): Promise<Record<string, never>> {
    const input = validateInput(FileAttachmentDto, payload.data);
    await this.attachments.attach(requireActor(payload.actor), input.fileId, input.appointmentId);
    return {};
  }

  @BusHandler(Subjects.files.detach)
  async detach(payload: BusRequest): Promise<Record<string, never>> {
    const input = validateInput(FileAttachmentDto, payload.data);
    await this.attachments.detach(requireActor(payload.actor), input.fileId, input.appointmentId);
    return {};
  }

  @BusHandler(Subjects.files.doctorList)
  doctorList(payload: BusRequest): Promise<FileView[]> {
    const input = validateInput(AppointmentAccessDto, payload.data);
    return this.attachments.doctorList(requireActor(payload.actor), input.appointmentId);
  }

  @BusHandler(Subjects.files.doctorLocate)
  doctorLocate(payload: BusRequest): Promise<FileContentLocation> {
    const input = validateInput(DoctorFileDto, payload.data);
    return this.attachments.doctorLocate(requireActor(payload.actor), input.appointmentId, input.fileId);
  }

  @BusHandler(Subjects.files.accessLog)
  accessLog(payload: BusRequest): Promise<FileAccessView[]> {
    return this.attachments.accessLog(requireActor(payload.actor));
  }
}
