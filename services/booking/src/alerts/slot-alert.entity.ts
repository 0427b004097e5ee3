import type { Channel, SlotAlertStatus } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { MedicalServiceEntity } from '../catalog/medical-service.entity';

/** A patient's saved search for an earlier slot; the oldest matching active alert gets a freed slot first. */
@Entity({ name: 'slot_alerts' })
@Index('IDX_slot_alerts_service_id_created_at', ['serviceId', 'createdAt'], { where: `"status" = 'active'` })
@Index('IDX_slot_alerts_patient_id', ['patientId'])
@Check('CHK_slot_alerts_status', `"status" IN ('active', 'fulfilled')`)
export class SlotAlertEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_slot_alerts' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('uuid', { name: 'service_id' })
  serviceId: string;

  @Column('text', { nullable: true })
  channel: Channel | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('uuid', { name: 'facility_ids', array: true, default: () => "'{}'" })
  facilityIds: string[];

  @Column('uuid', { name: 'exclude_doctor_ids', array: true, default: () => "'{}'" })
  excludeDoctorIds: string[];

  @Column('integer', { name: 'hour_from', nullable: true })
  hourFrom: number | null;

  @Column('integer', { name: 'hour_to', nullable: true })
  hourTo: number | null;

  @Column('timestamptz')
  until: Date;

  @Column('uuid', { name: 'move_appointment_id', nullable: true })
  moveAppointmentId: string | null;

  @Column('text', { default: 'active' })
  status: SlotAlertStatus;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'fulfilled_at', nullable: true })
  fulfilledAt: Date | null;

  @ManyToOne(() => MedicalServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_slot_alerts_service_id' })
  service?: MedicalServiceEntity;

  @ManyToOne(() => AppointmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'move_appointment_id', foreignKeyConstraintName: 'FK_slot_alerts_move_appointment_id' })
  moveAppointment?: AppointmentEntity;
}
