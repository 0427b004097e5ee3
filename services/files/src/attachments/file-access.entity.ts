import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every time a doctor listed or downloaded a patient's file. Kept after the
 * file is gone (no foreign key), so the patient's access history stays whole.
 */
@Entity({ name: 'file_access_log' })
@Index('IDX_file_access_log_patient_id_accessed_at', ['patientId', 'accessedAt'])
@Check('CHK_file_access_log_action', `"action" IN ('list', 'download')`)
export class FileAccessEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_file_access_log' })
  id: string;

  @Column('uuid', { name: 'patient_id' })
  patientId: string;

  @Column('uuid', { name: 'file_id' })
  fileId: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('uuid', { name: 'appointment_id' })
  appointmentId: string;

  /** The doctor's identity account. */
  @Column('uuid', { name: 'accessor_id' })
  accessorId: string;

  @Column('text')
  action: 'list' | 'download';

  @Column('timestamptz', { name: 'accessed_at' })
  accessedAt: Date;
}
