import type { NotificationKind } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SlotEntity } from '../slots/slot.entity';

/**
 * What a patient was told: a freed slot matched their alert, or their visit
 * was moved to it (alert and slot); a new lab result, or the doctor answered
 * their question (title and link, from consultations' event `eventId`); a
 * doctor decided their renewal request (from prescriptions' event).
 */
@Entity({ name: 'notifications' })
@Index('IDX_notifications_patient_id_created_at', ['patientId', 'createdAt'])
@Check(
  'CHK_notifications_kind',
  `"kind" IN ('slot_available', 'appointment_moved', 'result_available', 'question_answered', 'renewal_approved', 'renewal_declined')`,
)
@Unique('UQ_notifications_event_id', ['eventId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('uuid', { name: 'alert_id', nullable: true })
  alertId: string | null;

  @Column('uuid', { name: 'slot_id', nullable: true })
  slotId: string | null;

  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId: string | null;

  @Column('text', { nullable: true })
  title: string | null;

  @Column('text', { nullable: true })
  link: string | null;

  /** The consultations event it was made from (its outbox id): one notification per event. */
  @Column('uuid', { name: 'event_id', nullable: true })
  eventId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @ManyToOne(() => SlotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_notifications_slot_id' })
  slot?: SlotEntity;
}
