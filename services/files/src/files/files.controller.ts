import { Controller } from '@nestjs/common';
import {
  CompleteUploadDto,
  FileIdDto,
  StaffPatientIdDto,
  Subjects,
  UploadIdDto,
  type BusRequest,
  type FileContentLocation,
  type FileView,
  type ReservedUpload,
  type StaffFileView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { FilesService } from './files.service';
import { requirePatient, requireStaff } from './patient-actor';

/** A patient's own files; the patient is always the actor. Bytes never come here, only metadata. */
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @BusHandler(Subjects.files.reserveUpload)
  reserve(payload: BusRequest): Promise<ReservedUpload> {
    return this.files.reserve(requirePatient(payload.actor));
  }

  @BusHandler(Subjects.files.completeUpload)
  complete(payload: BusRequest): Promise<FileView> {
    return this.files.complete(requirePatient(payload.actor), validateInput(CompleteUploadDto, payload.data));
  }

  @BusHandler(Subjects.files.abortUpload)
  async abort(payload: BusRequest): Promise<Record<string, never>> {
    await this.files.abort(requirePatient(payload.actor), validateInput(UploadIdDto, payload.data).uploadId);
    return {};
  }

  @BusHandler(Subjects.files.list)
  list(payload: BusRequest): Promise<FileView[]> {
    return this.files.list(requirePatient(payload.actor));
  }

  @BusHandler(Subjects.files.staffPatientFiles)
  listForStaff(payload: BusRequest): Promise<StaffFileView[]> {
    requireStaff(payload.actor);
    return this.files.listForStaff(validateInput(StaffPatientIdDto, payload.data).patientId);
  }

  @BusHandler(Subjects.files.locateContent)
  locate(payload: BusRequest): Promise<FileContentLocation> {
    return this.files.locate(requirePatient(payload.actor), validateInput(FileIdDto, payload.data).id);
  }

  @BusHandler(Subjects.files.delete)
  async delete(payload: BusRequest): Promise<Record<string, never>> {
    await this.files.delete(requirePatient(payload.actor), validateInput(FileIdDto, payload.data).id);
    return {};
  }
}
