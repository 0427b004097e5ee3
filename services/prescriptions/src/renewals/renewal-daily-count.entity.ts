import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** How many renewal requests a patient sent on a (Warsaw) day; a conditional upsert keeps it at most 3. */
@Entity({ name: 'renewal_daily_counts' })
@Check('CHK_renewal_daily_counts_count', `"count" BETWEEN 0 AND 3`)
export class RenewalDailyCountEntity {
  @PrimaryColumn('uuid', { name: 'patient_id', primaryKeyConstraintName: 'PK_renewal_daily_counts' })
  patientId: string;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_renewal_daily_counts' })
  day: string;

  @Column('integer')
  count: number;
}
