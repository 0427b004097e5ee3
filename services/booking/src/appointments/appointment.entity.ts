import type { AppointmentSource, AppointmentStatus } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SlotEntity } from '../slots/slot.entity';

/**
 * A patient's booking of a slot. One patient per slot is the database's job:
 * at most one `booked` appointment may point at a slot (UQ_appointments_slot_id_booked);
 * cancelled ones stay as history.
 */
@Entity({ name: 'appointments' })
@Index('UQ_appointments_slot_id_booked', ['slotId'], { unique: true, where: `"status" = 'booked'` })
@Index('IDX_appointments_patient_id', ['patientId'])
@Check('CHK_appointments_status', `"status" IN ('booked', 'cancelled', 'completed')`)
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

  @Column('timestamptz', { name: 'booked_at' })
  bookedAt: Date;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  /** The rehabilitation referral this booking used (issued by consultations). */
  @Column('uuid', { name: 'referral_id', nullable: true })
  referralId: string | null;

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
