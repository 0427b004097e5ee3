import type { Channel } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DoctorEntity } from '../catalog/doctor.entity';
import { FacilityEntity } from '../catalog/facility.entity';
import { MedicalServiceEntity } from '../catalog/medical-service.entity';
import { ScheduleTemplateEntity } from '../schedules/schedule-template.entity';

/**
 * A bookable period of a doctor's time for one service and channel. Whether it
 * is free is not stored here: a slot is taken while a booked appointment
 * points at it (see appointments).
 */
@Entity({ name: 'slots' })
// One live slot per doctor and start. Withdrawn slots are left out (1764864000000): a removed template's
// withdrawn slot must not keep a recreated template from offering that time again. Generation also refuses a
// new slot overlapping a withdrawn one whose visit is still booked (SchedulesRepository.generateSlots).
@Index('UQ_slots_doctor_id_starts_at_live', ['doctorId', 'startsAt'], { unique: true, where: `"withdrawn_at" IS NULL` })
// Finds the few withdrawn slots that generation checks for a still-booked visit.
@Index('IDX_slots_doctor_id_starts_at_withdrawn', ['doctorId', 'startsAt'], { where: `"withdrawn_at" IS NOT NULL` })
@Check('CHK_slots_ends_after_start', `"ends_at" > "starts_at"`)
@Check('CHK_slots_channel', `"channel" IN ('in_person', 'phone', 'video')`)
@Check('CHK_slots_facility', `("channel" = 'in_person') = ("facility_id" IS NOT NULL)`)
// The search's covering index, partial (WHERE withdrawn_at IS NULL: withdrawn slots are never searched); its
// INCLUDE columns (facility, doctor, end, channel) live in the migrations (1764691200000, made partial in
// 1764777600000), which TypeORM cannot express, so the schema check leaves this one index to them.
@Index('IDX_slots_service_id_starts_at_id', { synchronize: false })
@Index('IDX_slots_facility_id_starts_at', ['facilityId', 'startsAt'])
@Index('IDX_slots_starts_at', ['startsAt'])
@Index('IDX_slots_schedule_template_id', ['scheduleTemplateId'])
export class SlotEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_slots' })
  id: string;

  @Column('uuid', { name: 'service_id' })
  serviceId: string;

  @Column('uuid', { name: 'doctor_id' })
  doctorId: string;

  /** Null for phone and video slots. */
  @Column('uuid', { name: 'facility_id', nullable: true })
  facilityId: string | null;

  @Column('text')
  channel: Channel;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  /** The weekly template that generated the slot; null for slots made otherwise or whose template was deleted. */
  @Column('uuid', { name: 'schedule_template_id', nullable: true })
  scheduleTemplateId: string | null;

  /**
   * Set when the slot's template was removed while its appointments (a cancelled one: history; a booked one: the
   * visit still takes place) kept the row from being deleted: a withdrawn slot is never searched, booked, moved to
   * or offered to an alert, and never revived. It does not block a new live slot at its start; only while its
   * visit is booked does generation keep new slots off its time.
   */
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @ManyToOne(() => ScheduleTemplateEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'schedule_template_id', foreignKeyConstraintName: 'FK_slots_schedule_template_id' })
  scheduleTemplate?: ScheduleTemplateEntity | null;

  @ManyToOne(() => MedicalServiceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_slots_service_id' })
  service?: MedicalServiceEntity;

  @ManyToOne(() => DoctorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'doctor_id', foreignKeyConstraintName: 'FK_slots_doctor_id' })
  doctor?: DoctorEntity;

  @ManyToOne(() => FacilityEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_slots_facility_id' })
  facility?: FacilityEntity | null;
}
