import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A referral session to give back to consultations (the booking failed after
 * reserving it, or the visit was cancelled). Written in the same transaction
 * as the change that frees it; deleted once consultations confirms.
 */
@Entity({ name: 'referral_releases' })
@Index('IDX_referral_releases_next_attempt_at', ['nextAttemptAt'])
export class ReferralReleaseEntity {
  @PrimaryColumn('uuid', { name: 'reservation_id', primaryKeyConstraintName: 'PK_referral_releases' })
  reservationId: string;

  @Column('uuid', { name: 'referral_id' })
  referralId: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt: Date;
}
