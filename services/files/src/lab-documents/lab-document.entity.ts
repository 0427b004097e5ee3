import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A laboratory's PDF of a result. Apart from the patient's own files on
 * purpose: it counts in no quota and never expires (the record keeps it).
 * `pending` while the gateway writes the bytes, `stored` once consultations
 * has assigned it to the report's patient; only then can the patient read it.
 */
@Entity({ name: 'lab_documents' })
@Index('IDX_lab_documents_patient_id', ['patientId'])
@Index('UQ_lab_documents_object_key', ['objectKey'], { unique: true })
@Check('CHK_lab_documents_status', `"status" IN ('pending', 'stored')`)
@Check('CHK_lab_documents_size_bytes', `"size_bytes" > 0`)
@Check('CHK_lab_documents_stored_patient', `("status" = 'stored') = ("patient_id" IS NOT NULL)`)
export class LabDocumentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_lab_documents' })
  id: string;

  @Column('text', { name: 'object_key' })
  objectKey: string;

  /** The laboratory account that sent it. */
  @Column('uuid', { name: 'lab_account_id' })
  labAccountId: string;

  @Column('uuid', { name: 'patient_id', nullable: true })
  patientId: string | null;

  @Column('text', { default: 'pending' })
  status: 'pending' | 'stored';

  @Column('integer', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
