import { Controller } from '@nestjs/common';
import {
  AssignLabDocumentDto,
  DomainError,
  ErrorCode,
  LabDocumentIdDto,
  ReserveLabDocumentDto,
  Subjects,
  type BusRequest,
  type FileContentLocation,
  type ReservedLabDocument,
} from '@pacjent/contracts';
import { BusHandler, Clock, validateInput } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import { requireLab, requirePatient } from '../files/patient-actor';
import { LabDocumentsRepository } from './lab-documents.repository';

/** Lab documents live under their own prefix: the uploads' expiry rule and reconciliation never touch them. */
export const LAB_DOCUMENTS_PREFIX = 'lab-documents/';

/** Laboratories' PDFs of results: reserved by the gateway for a lab, assigned by consultations, read by the patient. */
@Controller()
export class LabDocumentsController {
  constructor(
    private readonly documents: LabDocumentsRepository,
    private readonly clock: Clock,
  ) {}

  @BusHandler(Subjects.files.reserveLabDocument)
  async reserve(payload: BusRequest): Promise<ReservedLabDocument> {
    const lab = requireLab(payload.actor);
    const { size } = validateInput(ReserveLabDocumentDto, payload.data);
    const documentId = randomUUID();
    const objectKey = `${LAB_DOCUMENTS_PREFIX}${randomUUID()}`;
    await this.documents.reserve({
      id: documentId,
      objectKey,
      labAccountId: lab.id,
      sizeBytes: size,
      createdAt: this.clock.now(),
    });
    return { documentId, objectKey };
  }

  @BusHandler(Subjects.files.assignLabDocument)
  async assign(payload: BusRequest): Promise<Record<string, never>> {
    const lab = requireLab(payload.actor);
    const { documentId, patientId } = validateInput(AssignLabDocumentDto, payload.data);
    if (!(await this.documents.assign(documentId, lab.id, patientId))) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No such pending document of this laboratory.');
    }
    return {};
  }

  @BusHandler(Subjects.files.locateLabDocument)
  async locate(payload: BusRequest): Promise<FileContentLocation> {
    const patient = requirePatient(payload.actor);
    const { documentId } = validateInput(LabDocumentIdDto, payload.data);
    const document = await this.documents.findStoredOwn(documentId, patient.id);
    if (!document) throw new DomainError(ErrorCode.NOT_FOUND, 'No such document.');
    return {
      objectKey: document.objectKey,
      name: 'wynik-badania.pdf',
      contentType: 'application/pdf',
      size: document.sizeBytes,
    };
  }
}
