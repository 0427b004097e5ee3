import type { FileContentType } from '@pacjent/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FileStatus = 'pending' | 'stored';

/**
 * A patient's document. `pending` holds a place in the quota while its bytes
 * are being written to storage; `stored` is a finished file, deleted when
 * `expires_at` passes. The bytes themselves live in S3 under `object_key`.
 */
@Entity({ name: 'files' })
@Index('IDX_files_patient_id', ['patientId'])
@Index('IDX_files_expires_at_stored', ['expiresAt'], { where: `"status" = 'stored'` })
@Index('UQ_files_object_key', ['objectKey'], { unique: true })
@Check('CHK_files_status', `"status" IN ('pending', 'stored')`)
@Check('CHK_files_content_type', `"content_type" IN ('image/jpeg', 'image/png', 'application/pdf')`)
@Check('CHK_files_size_bytes', `"size_bytes" BETWEEN 1 AND 8388608`)
@Check(
  'CHK_files_stored_complete',
  `("status" = 'pending' AND num_nonnulls("name", "content_type", "size_bytes", "description", "uploaded_at", "expires_at") = 0) OR ("status" = 'stored' AND num_nulls("name", "content_type", "size_bytes", "description", "uploaded_at", "expires_at") = 0)`,
)
export class FileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_files' })
  id: string;

  /** The identity account of the patient. */
  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  /** A random key, never derived from the patient or the file name. */
  @Column('text', { name: 'object_key' })
  objectKey: string;

  @Column('text', { default: 'pending' })
  status: FileStatus;

  /** The original name, cleaned, as display text only. */
  @Column('text', { nullable: true })
  name: string | null;

  /** Decided from the bytes. */
  @Column('text', { name: 'content_type', nullable: true })
  contentType: FileContentType | null;

  @Column('integer', { name: 'size_bytes', nullable: true })
  sizeBytes: number | null;

  @Column('text', { nullable: true })
  description: string | null;

  /** When the upload was reserved. */
  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'uploaded_at', nullable: true })
  uploadedAt: Date | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;
}
