import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Whoever runs a slot: a doctor, a nurse at the collection point, a physiotherapist. */
@Entity({ name: 'doctors' })
@Unique('UQ_doctors_account_id', ['accountId'])
export class DoctorEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_doctors' })
  id: string;

  /** As shown to patients, with the title: "lek. Anna Nowak". */
  @Column('text')
  name: string;

  @Column('text', { array: true, default: () => `'{}'` })
  specialties: string[];

  /** ISO 639-1 codes. */
  @Column('text', { array: true, default: () => `'{pl}'` })
  languages: string[];

  /** The identity account the doctor signs in with, when there is one. */
  @Column('uuid', { name: 'account_id', nullable: true })
  accountId: string | null;
}
