import { Inject, Injectable } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type Actor,
  type FileContentLocation,
  type OnlineSharedFileGrant,
  type ShareableFile,
} from '@pacjent/contracts';
import { BusClient, Clock } from '@pacjent/platform';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { toContentLocation } from '../files/files.mapper';
import { FilesRepository } from '../files/files.repository';

/**
 * Files shared in online consultations (ADR 0019). Consultations keeps which
 * file was shared where; files vouches for the file when the patient shares
 * it, and streams it only to the doctor consultations names for that one
 * file, writing each read to the patient's access log like any doctor's read.
 */
@Injectable()
export class ConsultationFilesService {
  constructor(
    private readonly files: FilesRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly bus: BusClient,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The patient's own stored file, as this service knows it: NOT_FOUND for anyone else's, a pending or a gone one. */
  async shareable(actor: Actor, fileId: string): Promise<ShareableFile> {
    if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
    if (actor.level !== AccountLevel.FULL) {
      throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to keep files.');
    }
    const row = await this.files.findStored(actor.id, fileId);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such file.');
    return { fileId: row.id, name: row.name, mediaType: row.content_type, size: row.size_bytes };
  }

  /** Where a shared file's bytes are, for the consultation's doctor; the read goes to the patient's access log. */
  async doctorLocate(doctor: Actor, consultationId: string, fileId: string): Promise<FileContentLocation> {
    // A patient or staff member is answered as for any file not shared with them (ADR 0019).
    if (!doctor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such file.');
    // Consultations answers NOT_FOUND unless the doctor is the consultation's and the file was shared there.
    const grant = await this.bus.request<OnlineSharedFileGrant>(Subjects.consultations.onlineSharedFile, {
      actor: doctor,
      data: { consultationId, fileId },
    });
    const row = await this.files.findStored(grant.patientId, grant.fileId);
    if (!row) {
      throw new DomainError(
        ErrorCode.SHARED_FILE_GONE,
        'The patient deleted this file, or it expired, since sharing it.',
      );
    }
    await this.attachments.logAccess(grant.patientId, [row], consultationId, doctor.id, 'download', this.clock.now());
    return toContentLocation(row);
  }
}
