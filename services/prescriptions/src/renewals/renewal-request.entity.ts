import type { RenewalStatus } from '@pacjent/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A patient's request to renew medicines, addressed to a doctor (or to the pool when doctor_id is null). */
@Entity({ name: 'renewal_requests' })
@Check('CHK_renewal_requests_status', `"status" IN ('pending', 'approved', 'declined')`)
@Check('CHK_renewal_requests_decided', `("status" = 'pending') = ("decided_at" IS NULL)`)
@Check('CHK_renewal_requests_decline_reason', `("status" = 'declined') = ("decline_reason" IS NOT NULL)`)
@Check('CHK_renewal_requests_pool_specialties', `"doctor_id" IS NULL OR cardinality("pool_specialties") = 0`)
@Index('IDX_renewal_requests_patient_id_created_at', ['patientId', 'createdAt'])
@Index('IDX_renewal_requests_doctor_id_created_at', ['doctorId', 'createdAt'])
export class RenewalRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_renewal_requests' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('uuid', { name: 'doctor_id', nullable: true })
  doctorId: string | null;

  /** In the pool (no doctor): the specialties that may take it (its gone doctor's); empty = any doctor. */
  @Column('text', { name: 'pool_specialties', array: true, default: () => "'{}'" })
  poolSpecialties: string[];

  @Column('text', { default: 'pending' })
  status: RenewalStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('text', { name: 'decline_reason', nullable: true })
  declineReason: string | null;
}
