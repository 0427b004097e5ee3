import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Subjects, type Actor, type RecordPatientView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/** What consultations asks identity: writing a record read to the patient's access log. */
@Injectable()
export class IdentityClient {
  constructor(private readonly bus: BusClient) {}

  async logRecordRead(reader: Actor, patientId: string): Promise<void> {
    await this.bus.request(Subjects.identity.logRecordAccess, { actor: reader, data: { patientId } });
  }

  /** The patient's own confirmed identity (asked with their actor); null when identity has none on file. */
  async ownIdentity(patient: Actor): Promise<RecordPatientView | null> {
    try {
      return await this.bus.request<RecordPatientView>(Subjects.identity.recordPatient, { actor: patient, data: {} });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
