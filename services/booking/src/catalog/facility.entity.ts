import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A place where in-person visits happen. */
@Entity({ name: 'facilities' })
@Unique('UQ_facilities_name', ['name'])
@Index('IDX_facilities_city', ['city'])
export class FacilityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_facilities' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  city: string;

  @Column('text')
  address: string;

  /** Free text as shown to patients, e.g. "pon.–pt. 7:00–20:00". */
  @Column('text', { name: 'opening_hours' })
  openingHours: string;
}
