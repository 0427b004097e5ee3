import { Controller } from '@nestjs/common';
import {
  ConsultationFileDto,
  FileIdDto,
  Subjects,
  type BusRequest,
  type FileContentLocation,
  type ShareableFile,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireActor } from '../files/patient-actor';
import { ConsultationFilesService } from './consultation-files.service';

/** A patient's file shared in an online consultation: consultations asks before sharing, the doctor reads it. */
@Controller()
export class ConsultationFilesController {
  constructor(private readonly consultationFiles: ConsultationFilesService) {}

  @BusHandler(Subjects.files.shareableFile)
  shareable(payload: BusRequest): Promise<ShareableFile> {
    const input = validateInput(FileIdDto, payload.data);
    return this.consultationFiles.shareable(requireActor(payload.actor), input.id);
  }

  @BusHandler(Subjects.files.doctorLocateShared)
  doctorLocate(payload: BusRequest): Promise<FileContentLocation> {
    const input = validateInput(ConsultationFileDto, payload.data);
    return this.consultationFiles.doctorLocate(requireActor(payload.actor), input.consultationId, input.fileId);
  }
}
