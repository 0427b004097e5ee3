import type { NotificationKind } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SlotEntity } from '../slots/slot.entity';

/** What a patient was told: a freed slot matched their alert, or their visit was moved to it. */
@Entity({ name: 'notifications' })
@Index('IDX_notifications_patient_id_created_at', ['patientId', 'createdAt'])
@Check('CHK_notifications_kind', `"kind" IN ('slot_available', 'appointment_moved')`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('uuid', { name: 'alert_id' })
  alertId: string;

  @Column('uuid', { name: 'slot_id' })
  slotId: string;

  @Column('uuid', { name: 'appointment_id', nullable: true })
  appointmentId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @ManyToOne(() => SlotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'FK_notifications_slot_id' })
  slot?: SlotEntity;
}
