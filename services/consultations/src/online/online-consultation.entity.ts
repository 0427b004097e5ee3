import type { OnlineConsultationStatus, OnlineForm, ServiceKind } from '@pacjent/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A patient's on-demand consultation: waiting in the queue of a specialty and
 * form, active once a doctor took it, then ended (by the doctor, with an
 * outcome in visit_outcomes under the same id) or left (by the patient, or
 * when their page was gone longer than QUEUE_GRACE_SECONDS).
 */
@Entity({ name: 'online_consultations' })
@Index('UQ_online_consultations_patient_open', ['patientId'], {
  unique: true,
  where: `"status" IN ('waiting', 'active')`,
})
@Index('IDX_online_consultations_queue', ['specialty', 'form', 'requestedAt'], { where: `"status" = 'waiting'` })
@Index('IDX_online_consultations_doctor_account_id', ['doctorAccountId', 'status'])
@Check('CHK_online_consultations_status', `"status" IN ('waiting', 'active', 'ended', 'left')`)
@Check('CHK_online_consultations_form', `"form" IN ('chat', 'voice', 'video')`)
@Check('CHK_online_consultations_doctor', `("status" IN ('waiting', 'left')) OR ("doctor_account_id" IS NOT NULL)`)
export class OnlineConsultationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_online_consultations' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  /** The patient's name and birth date as identity confirmed them, for the doctor's screen. */
  @Column('text', { name: 'patient_name', default: '' })
  patientName: string;

  @Column('date', { name: 'patient_birth_date', nullable: true })
  patientBirthDate: string | null;

  @Column('text')
  specialty: string;

  @Column('text')
  form: OnlineForm;

  @Column('text')
  status: OnlineConsultationStatus;

  /** Booking's consultation service of the specialty: what the visit is filed under in the record. */
  @Column('uuid', { name: 'service_id' })
  serviceId: string;

  @Column('text', { name: 'service_name' })
  serviceName: string;

  @Column('text', { name: 'service_kind' })
  serviceKind: ServiceKind;

  @Column('uuid', { name: 'doctor_account_id', nullable: true })
  doctorAccountId: string | null;

  /** Booking's doctor id and name, as of taking the patient. */
  @Column('uuid', { name: 'doctor_id', nullable: true })
  doctorId: string | null;

  @Column('text', { name: 'doctor_name', nullable: true })
  doctorName: string | null;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  /** The last sign of a live page of the patient (start, the gateway's heartbeats); the expiry job reads it. */
  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  /** The transcript's last seq: the next message takes last_seq + 1 under this row's lock, so seqs have no gaps. */
  @Column('integer', { name: 'last_seq', default: 0 })
  lastSeq: number;
}
