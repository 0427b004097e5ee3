import type { AppointmentSource, AppointmentStatus } from '@pacjent/contracts';
import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SlotEntity } from '../slots/slot.entity';

/**
 * A patient's booking of a slot. One patient per slot is the database's job:
 * at most one `booked` appointment may point at a slot (UQ_appointments_slot_id_booked);
 * cancelled ones stay as history.
 */
@Entity({ name: 'appointments' })
@Index('UQ_appointments_slot_id_booked', ['slotId'], { unique: true, where: `"status" = 'booked'` })
@Index('IDX_appointments_patient_id', ['patientId'])
@Exclusion(
  'EXC_appointments_patient_id_overlap',
  `USING gist ("patient_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" = 'booked')`,
)
@Check('CHK_appointments_referral_reservation', `("referral_reservation_id" IS NULL) OR ("referral_id" IS NOT NULL)`)
@Check('CHK_appointments_status', `"status" IN ('booked', 'cancelled', 'completed', 'no_show')`)
@Check('CHK_appointments_source', `"source" IN ('portal', 'phone', 'facility')`)
@Check('CHK_appointments_cancelled_at', `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)`)
@Check(
  'CHK_appointments_occupational_referral',
  `num_nulls("occupational_employer", "occupational_position", "occupational_referral_number") IN (0, 3)`,
)
export class AppointmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_appointments' })
  id: string;

  @Column('uuid', { name: 'slot_id' })
  slotId: string;

  /** The identity account of the patient. */
  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('text', { default: 'booked' })
  status: AppointmentStatus;

  /** Where it was booked; only `portal` bookings can be cancelled in the portal. */
  @Column('text')
  source: AppointmentSource;

  /** Who booked it: the patient for `portal`, a staff member otherwise. */
  @Column('uuid', { name: 'booked_by' })
  bookedBy: string;

  /** The visit's time, copied from the slot so the database can refuse overlapping visits of one patient. */
  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('timestamptz', { name: 'booked_at' })
  bookedAt: Date;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  /** The rehabilitation referral this booking used (issued by consultations). */
  @Column('uuid', { name: 'referral_id', nullable: true })
  referralId: string | null;

  /** The session of the referral consultations reserved for this visit. */
  @Column('uuid', { name: 'referral_reservation_id', nullable: true })
  referralReservationId: string | null;

  /** When the visit was moved: the appointment that replaced it. */
  @Column('uuid', { name: 'replaced_by', nullable: true })
  replacedBy: string | null;

  @ManyToOne(() => AppointmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaced_by', foreignKeyConstraintName: 'FK_appointments_replaced_by' })
  replacement?: AppointmentEntity;

  @Column('text', { name: 'occupational_employer', nullable: true })
  occupationalEmployer: string | null;

  @Column('text', { name: 'occupational_position', nullable: true })
  occupationalPosition: string | null;

  @Column('text', { name: 'occupational_referral_number', nullable: true })
  occupationalReferralNumber: string | null;

  @ManyToOne(() => SlotEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_appointments_slot_id' })
  slot?: SlotEntity;
}
