import { Check, Column, Entity, Index, OneToMany, PrimaryColumn, Unique } from 'typeorm';
import { LabObservationEntity } from './lab-observation.entity';

/**
 * A laboratory's report (FHIR DiagnosticReport) for one patient. A lab names
 * its report by an identifier (or, lacking one, the resource id): the same
 * name from the same lab is the same report, stored once (UQ_lab_reports_source).
 */
@Entity({ name: 'lab_reports' })
@Unique('UQ_lab_reports_source', ['labAccountId', 'sourceKey'])
@Index('IDX_lab_reports_patient_effective', ['patientId', 'effectiveAt'])
@Check(
  'CHK_lab_reports_status',
  `"status" IN ('registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'cancelled', 'entered-in-error', 'unknown')`,
)
export class LabReportEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_lab_reports' })
  id: string;

  /** The identity account of the patient (resolved from the PESEL the lab sent). */
  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  /** The identity account of the laboratory that posted it. */
  @Column('uuid', { name: 'lab_account_id' })
  labAccountId: string;

  /** `identifier:<system>|<value>` or `id:<DiagnosticReport.id>`. */
  @Column('text', { name: 'source_key' })
  sourceKey: string;

  /** LOINC code of the panel, when the lab gave one. */
  @Column('text', { nullable: true })
  code: string | null;

  @Column('text')
  name: string;

  @Column('text')
  status: string;

  /** The performing laboratory's name, as the report shows it. */
  @Column('text', { nullable: true })
  laboratory: string | null;

  @Column('timestamptz', { name: 'effective_at' })
  effectiveAt: Date;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  /** The lab's PDF (presentedForm), kept by the files service. */
  @Column('uuid', { name: 'document_id', nullable: true })
  documentId: string | null;

  @OneToMany(() => LabObservationEntity, (observation) => observation.report)
  observations?: LabObservationEntity[];
}
