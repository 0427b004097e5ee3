import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  MAX_FILES_PER_PATIENT,
  type Actor,
  type CompleteUploadDto,
  type FileContentLocation,
  type FileView,
  type ReservedUpload,
  type StaffFileView,
} from '@pacjent/contracts';
import { Clock, ObjectStorage } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import { FilesConfig } from '../config';
import { UPLOADS_PREFIX } from '../storage/storage.module';
import { cleanDisplayName } from './display-name';
import { toContentLocation, toFileView, toStaffFileView } from './files.mapper';
import { FilesRepository } from './files.repository';

const notFound = () => new DomainError(ErrorCode.NOT_FOUND, 'No such file.');

/** A patient's files: quota, the upload's pending → stored steps, list, locate and delete. */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly storage: ObjectStorage,
    @Inject(Clock) private readonly clock: Clock,
    private readonly config: FilesConfig,
  ) {}

  async reserve(actor: Actor): Promise<ReservedUpload> {
    requireFullAccount(actor);
    const now = this.clock.now();
    const objectKey = `${UPLOADS_PREFIX}${randomUUID()}`;
    const uploadId = await this.files.reserve(actor.id, objectKey, now, this.staleBefore(now));
    if (!uploadId) {
      throw new DomainError(ErrorCode.FILE_LIMIT_REACHED, `You can keep at most ${MAX_FILES_PER_PATIENT} files.`, {
        limit: MAX_FILES_PER_PATIENT,
      });
    }
    return { uploadId, objectKey };
  }

  async complete(actor: Actor, input: CompleteUploadDto): Promise<FileView> {
    requireFullAccount(actor);
    const row = await this.files.complete(
      actor.id,
      input.uploadId,
      {
        name: cleanDisplayName(input.name),
        contentType: input.contentType,
        size: input.size,
        description: input.description.trim(),
      },
      this.clock.now(),
    );
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'The upload is unknown or has lapsed.');
    return toFileView(row);
  }

  /** Gives the reservation back and removes whatever bytes were written. Idempotent. */
  async abort(actor: Actor, uploadId: string): Promise<void> {
    requireFullAccount(actor);
    const objectKey = await this.files.removePending(actor.id, uploadId);
    if (objectKey) await this.deleteObjectQuietly(objectKey);
  }

  async list(actor: Actor): Promise<FileView[]> {
    requireFullAccount(actor);
    return (await this.files.listStored(actor.id)).map(toFileView);
  }

  /** A patient's stored files for the staff console, metadata only (the caller is checked to be staff). */
  async listForStaff(patientId: string): Promise<StaffFileView[]> {
    return (await this.files.listStored(patientId)).map(toStaffFileView);
  }

  async locate(actor: Actor, id: string): Promise<FileContentLocation> {
    requireFullAccount(actor);
    const row = await this.files.findStored(actor.id, id);
    if (!row) throw notFound();
    return toContentLocation(row);
  }

  /** Deletes the object first, then the row: a crash in between leaves a row whose delete can simply be repeated. */
  async delete(actor: Actor, id: string): Promise<void> {
    requireFullAccount(actor);
    await this.files.transaction(async (tx) => {
      const row = await this.files.findStored(actor.id, id, tx);
      if (!row) throw notFound();
      await this.storage.delete(row.object_key);
      await this.files.deleteRow(tx, row.id);
    });
  }

  private staleBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.FILES_PENDING_TTL_MINUTES * 60_000);
  }

  private async deleteObjectQuietly(key: string): Promise<void> {
    // Reconciliation removes the object later if storage is unavailable now.
    await this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err, key }, 'could not delete object'));
  }
}

function requireFullAccount(actor: Actor): void {
  if (actor.level !== AccountLevel.FULL) {
    throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to keep files.');
  }
}
