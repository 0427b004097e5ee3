import type { OnlineForm } from '@pacjent/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A doctor on duty for online consultations: one row while on duty, deleted when they go off duty. */
@Entity({ name: 'online_duty' })
export class OnlineDutyEntity {
  @PrimaryColumn('uuid', { name: 'doctor_account_id', primaryKeyConstraintName: 'PK_online_duty' })
  doctorAccountId: string;

  @Column('uuid', { name: 'doctor_id' })
  doctorId: string;

  @Column('text', { name: 'doctor_name' })
  doctorName: string;

  @Column('text', { array: true })
  specialties: string[];

  @Column('text', { array: true })
  forms: OnlineForm[];

  @Column('timestamptz')
  since: Date;
}
