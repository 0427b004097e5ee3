import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { LabReportEntity } from './lab-report.entity';

/** numeric comes back from pg as text: keep it a number in the code. */
const numeric = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One measured value of a report (FHIR Observation with a valueQuantity). */
@Entity({ name: 'lab_observations' })
@Unique('UQ_lab_observations_position', ['reportId', 'position'])
@Index('IDX_lab_observations_series', ['patientId', 'code', 'effectiveAt'])
@Check('CHK_lab_observations_flag', `"flag" IS NULL OR "flag" IN ('low', 'high', 'normal')`)
@Check(
  'CHK_lab_observations_range',
  `"reference_low" IS NULL OR "reference_high" IS NULL OR "reference_low" <= "reference_high"`,
)
export class LabObservationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_lab_observations' })
  id: string;

  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @ManyToOne(() => LabReportEntity, (report) => report.observations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id', foreignKeyConstraintName: 'FK_lab_observations_report_id' })
  report?: LabReportEntity;

  /** Copied from the report, so a parameter's series is one index range. */
  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  /** Order within the report, as the lab sent it. */
  @Column('integer')
  position: number;

  /** LOINC code. */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('numeric', { transformer: numeric })
  value: number;

  @Column('text')
  unit: string;

  @Column('numeric', { name: 'reference_low', nullable: true, transformer: numeric })
  referenceLow: number | null;

  @Column('numeric', { name: 'reference_high', nullable: true, transformer: numeric })
  referenceHigh: number | null;

  @Column('text', { nullable: true })
  flag: 'low' | 'high' | 'normal' | null;

  @Column('timestamptz', { name: 'effective_at' })
  effectiveAt: Date;
}
