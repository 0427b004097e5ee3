import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One session of a referral held for a booking appointment (its id is
 * booking's reservation id). A release that arrives first is stored as
 * `released` with no session taken, so the late reservation is refused and
 * no session is lost.
 */
@Entity({ name: 'referral_reservations' })
@Check('CHK_referral_reservations_status', `"status" IN ('reserved', 'released')`)
@Check('CHK_referral_reservations_released_at', `("status" = 'released') = ("released_at" IS NOT NULL)`)
export class ReferralReservationEntity {
  @PrimaryColumn('uuid', { name: 'reservation_id', primaryKeyConstraintName: 'PK_referral_reservations' })
  reservationId: string;

  /** No foreign key: a release may name a referral that does not exist. */
  @Column('uuid', { name: 'referral_id' })
  referralId: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('text')
  status: 'reserved' | 'released';

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'released_at', nullable: true })
  releasedAt: Date | null;
}
