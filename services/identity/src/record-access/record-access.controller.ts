import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PatientSummariesDto,
  RecordAccessDto,
  Subjects,
  type BusRequest,
  type PatientSummary,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { RecordAccessService } from './record-access.service';

@Controller()
export class RecordAccessController {
  constructor(private readonly recordAccess: RecordAccessService) {}

  @BusHandler(Subjects.identity.doctorPatientSummaries)
  summaries(payload: BusRequest): Promise<PatientSummary[]> {
    if (!payload.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    return this.recordAccess.summariesFor(payload.actor, validateInput(PatientSummariesDto, payload.data).patientIds);
  }

  /** Only prescriptions may ask (bus permissions): the patients it put in this doctor's renewal queue. */
  @BusHandler(Subjects.identity.renewalPatientSummaries)
  renewalPatients(payload: BusRequest): Promise<PatientSummary[]> {
    if (!payload.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    return this.recordAccess.renewalSummaries(
      payload.actor,
      validateInput(PatientSummariesDto, payload.data).patientIds,
    );
  }

  @BusHandler(Subjects.identity.logRecordAccess)
  log(payload: BusRequest): Promise<{ logged: true }> {
    if (!payload.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    return this.recordAccess.logRead(payload.actor, validateInput(RecordAccessDto, payload.data).patientId);
  }
}
