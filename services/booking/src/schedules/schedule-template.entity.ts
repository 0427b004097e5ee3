import type { Channel } from '@pacjent/contracts';
import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DoctorEntity } from '../catalog/doctor.entity';
import { FacilityEntity } from '../catalog/facility.entity';
import { MedicalServiceEntity } from '../catalog/medical-service.entity';

/**
 * One stretch of a doctor's working week (Warsaw time) for a service at a
 * facility or on a remote channel, cut into slots of `slotMinutes`.
 */
@Entity({ name: 'schedule_templates' })
@Index('IDX_schedule_templates_doctor_id', ['doctorId'])
/** One doctor's templates never overlap on a weekday (the database decides, whoever saves first wins). */
@Exclusion(
  'EXC_schedule_templates_doctor_id_overlap',
  `USING gist ("doctor_id" WITH =, "weekday" WITH =, tsrange('2000-01-01'::date + "starts_at", '2000-01-01'::date + "ends_at") WITH &&)`,
)
@Check('CHK_schedule_templates_weekday', `"weekday" BETWEEN 1 AND 7`)
@Check('CHK_schedule_templates_hours', `"ends_at" > "starts_at"`)
@Check('CHK_schedule_templates_slot_minutes', `"slot_minutes" BETWEEN 5 AND 480`)
@Check('CHK_schedule_templates_channel', `"channel" IN ('in_person', 'phone', 'video')`)
@Check('CHK_schedule_templates_facility', `("channel" = 'in_person') = ("facility_id" IS NOT NULL)`)
export class ScheduleTemplateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_schedule_templates' })
  id: string;

  @Column('uuid', { name: 'doctor_id' })
  doctorId: string;

  @Column('uuid', { name: 'service_id' })
  serviceId: string;

  @Column('uuid', { name: 'facility_id', nullable: true })
  facilityId: string | null;

  @Column('text')
  channel: Channel;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Column('integer')
  weekday: number;

  /** HH:MM[:SS], Warsaw wall-clock time. */
  @Column('time', { name: 'starts_at' })
  startsAt: string;

  /** The last slot ends at or before this. */
  @Column('time', { name: 'ends_at' })
  endsAt: string;

  @Column('integer', { name: 'slot_minutes' })
  slotMinutes: number;

  @ManyToOne(() => DoctorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'doctor_id', foreignKeyConstraintName: 'FK_schedule_templates_doctor_id' })
  doctor?: DoctorEntity;

  @ManyToOne(() => MedicalServiceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_schedule_templates_service_id' })
  service?: MedicalServiceEntity;

  @ManyToOne(() => FacilityEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'FK_schedule_templates_facility_id' })
  facility?: FacilityEntity;
}
