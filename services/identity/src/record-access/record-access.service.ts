import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type Actor,
  type DoctorPatientRelation,
  type PatientSummary,
} from '@pacjent/contracts';
import { BusClient, Clock } from '@pacjent/platform';
import { AccessLogRepository } from '../verification/access-log.repository';
import { RecordAccessRepository } from './record-access.repository';

/** The action written to the access log when a doctor or staff member reads a patient's record. */
export const RECORD_VIEW_ACTION = 'record.view';

/** What identity tells the record about people: patients' names for their doctors, and who read a record. */
@Injectable()
export class RecordAccessService {
  constructor(
    private readonly repository: RecordAccessRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly bus: BusClient,
    private readonly clock: Clock,
  ) {}

  /** Names of those patients the doctor has a visit relation with (booking decides); the others are left out. */
  async summariesFor(doctor: Actor, patientIds: string[]): Promise<PatientSummary[]> {
    if (!doctor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
    const unique = [...new Set(patientIds)];
    const related = await Promise.all(
      unique.map(async (patientId) => {
        const answer = await this.bus.request<DoctorPatientRelation>(Subjects.booking.doctorPatientRelation, {
          actor: doctor,
          data: { patientId },
        });
        return answer.related ? patientId : null;
      }),
    );
    return this.repository.summaries(related.filter((id): id is string => id !== null));
  }

  /**
   * Names of the patients in a doctor's renewal queue. Only prescriptions can
   * ask this (the NATS server refuses anyone else), and it asks for the
   * requests addressed to this doctor or the pool — which may come from
   * patients booking relates to no visit of theirs.
   */
  async renewalSummaries(doctor: Actor, patientIds: string[]): Promise<PatientSummary[]> {
    if (!doctor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
    return this.repository.summaries([...new Set(patientIds)]);
  }

  /** Writes a record read to the access log; the patient sees it in "Historia dostępu". */
  async logRead(reader: Actor, patientId: string): Promise<{ logged: true }> {
    const role = reader.roles.includes(Role.DOCTOR)
      ? Role.DOCTOR
      : reader.roles.includes(Role.STAFF)
        ? Role.STAFF
        : null;
    if (!role) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors and staff read records.');
    await this.accessLog.record({
      actorId: reader.id,
      patientId,
      action: RECORD_VIEW_ACTION,
      outcome: 'viewed',
      details: { role },
      at: this.clock.now(),
    });
    return { logged: true };
  }
}
