import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { RenewalRequestEntity } from '../renewals/renewal-request.entity';

/** An e-prescription package: one access code, one key, one to five items. */
@Entity({ name: 'prescriptions' })
@Unique('UQ_prescriptions_key', ['key'])
// A renewal request becomes at most one prescription, whatever races its approval.
@Unique('UQ_prescriptions_renewal_request_id', ['renewalRequestId'])
// A visit's completion issues each line of its outcome form once, however often its event arrives (ADR 0017).
@Unique('UQ_prescriptions_appointment_id_visit_line', ['appointmentId', 'visitLine'])
// One Idempotency-Key of a doctor is one prescription, however many times (or at once) it is sent.
@Unique('UQ_prescriptions_doctor_id_idempotency_key', ['doctorId', 'idempotencyKey'])
@Check(
  'CHK_prescriptions_visit_line',
  `"visit_line" IS NULL OR ("appointment_id" IS NOT NULL AND "visit_line" BETWEEN 1 AND 5)`,
)
@Check('CHK_prescriptions_idempotency', `("idempotency_key" IS NULL) = ("request_hash" IS NULL)`)
@Check('CHK_prescriptions_access_code', `"access_code" ~ '^[0-9]{4}$'`)
@Check('CHK_prescriptions_valid_days', `"valid_days" BETWEEN 1 AND 365`)
@Check('CHK_prescriptions_valid_until', `"valid_until" = "valid_from" + "valid_days" - 1`)
@Index('IDX_prescriptions_patient_id_issued_at', ['patientId', 'issuedAt'])
export class PrescriptionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_prescriptions' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  /** The issuing doctor's account id. */
  @Column('uuid', { name: 'doctor_id' })
  doctorId: string;

  /** The visit it was issued at (booking's appointment id), when there is one. */
  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId: string | null;

  /** Its line (1-based) in the outcome form of the visit whose completion issued it. */
  @Column('smallint', { name: 'visit_line', nullable: true })
  visitLine: number | null;

  /** The doctor's Idempotency-Key of the issuing request, and what that request asked (requestHash). */
  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @Column('text', { name: 'request_hash', nullable: true })
  requestHash: string | null;

  @Column('uuid', { name: 'renewal_request_id', nullable: true })
  renewalRequestId: string | null;

  @Column('text', { name: 'access_code' })
  accessCode: string;

  @Column('uuid')
  key: string;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('integer', { name: 'valid_days' })
  validDays: number;

  @Column('date', { name: 'valid_until' })
  validUntil: string;

  @Column('timestamptz', { name: 'dispensed_at', nullable: true })
  dispensedAt: Date | null;

  @ManyToOne(() => RenewalRequestEntity)
  @JoinColumn({ name: 'renewal_request_id', foreignKeyConstraintName: 'FK_prescriptions_renewal_request_id' })
  renewalRequest?: RenewalRequestEntity;
}
