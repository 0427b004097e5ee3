import type { Channel, Icd10View, ServiceKind, VisitOutcomeStatus } from '@pacjent/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the doctor recorded when a visit ended: one row per booking
 * appointment (its id is the appointment's id, so completing twice is a
 * primary-key conflict). The visit's facts (service, doctor, channel, time)
 * are copied from booking's answer at completion, so the record reads this
 * schema alone.
 */
@Entity({ name: 'visit_outcomes' })
@Index('IDX_visit_outcomes_patient_id_starts_at', ['patientId', 'startsAt'])
@Index('IDX_visit_outcomes_doctor_account_id_starts_at', ['doctorAccountId', 'startsAt'])
@Check('CHK_visit_outcomes_status', `"status" IN ('completed', 'no_show')`)
@Check('CHK_visit_outcomes_channel', `"channel" IN ('in_person', 'phone', 'video')`)
@Check('CHK_visit_outcomes_diagnoses', `jsonb_typeof("diagnoses") = 'array'`)
@Check('CHK_visit_outcomes_open_questions', `"open_questions" BETWEEN 0 AND 3`)
export class VisitOutcomeEntity {
  @PrimaryColumn('uuid', { name: 'appointment_id', primaryKeyConstraintName: 'PK_visit_outcomes' })
  appointmentId: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  /** The identity account of the doctor who recorded it. */
  @Column('uuid', { name: 'doctor_account_id' })
  doctorAccountId: string;

  /** Booking's doctor id and the name shown, as of the visit. */
  @Column('uuid', { name: 'doctor_id' })
  doctorId: string;

  @Column('text', { name: 'doctor_name' })
  doctorName: string;

  @Column('uuid', { name: 'service_id' })
  serviceId: string;

  @Column('text', { name: 'service_name' })
  serviceName: string;

  @Column('text', { name: 'service_kind' })
  serviceKind: ServiceKind;

  @Column('text')
  channel: Channel;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('text')
  status: VisitOutcomeStatus;

  @Column('text', { default: '' })
  notes: string;

  @Column('text', { default: '' })
  recommendations: string;

  /** ICD-10 codes with the names they had when recorded: [{ code, name }]. */
  @Column('jsonb')
  diagnoses: Icd10View[];

  @Column('timestamptz', { name: 'completed_at' })
  completedAt: Date;

  /** The Idempotency-Key of the request that recorded it: the same key gets the same answer again. */
  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  /** What that request asked (requestHash): the same key with another body is refused. */
  @Column('text', { name: 'request_hash', nullable: true })
  requestHash: string | null;

  /** Unanswered questions about this visit; the check keeps it at most 3 under races. */
  @Column('integer', { name: 'open_questions', default: 0 })
  openQuestions: number;
}
