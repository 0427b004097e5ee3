import { Injectable } from '@nestjs/common';
import { Subjects, type Actor, type ShareableFile } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/** What consultations asks files: the facts of a file a patient shares in an online consultation. */
@Injectable()
export class FilesClient {
  constructor(private readonly bus: BusClient) {}

  /** The patient's own stored file, as files knows it (asked with their actor); NOT_FOUND when it is not that. */
  shareable(patient: Actor, fileId: string): Promise<ShareableFile> {
    return this.bus.request<ShareableFile>(Subjects.files.shareableFile, { actor: patient, data: { id: fileId } });
  }
}
