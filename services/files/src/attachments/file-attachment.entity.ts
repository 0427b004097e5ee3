import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FileEntity } from '../files/file.entity';

/** A patient's file attached to their phone-consultation appointment (booking's id); its doctor may see it. */
@Entity({ name: 'file_attachments' })
@Index('IDX_file_attachments_appointment_id', ['appointmentId'])
export class FileAttachmentEntity {
  @PrimaryColumn('uuid', { name: 'file_id', primaryKeyConstraintName: 'PK_file_attachments' })
  fileId: string;

  @PrimaryColumn('uuid', { name: 'appointment_id', primaryKeyConstraintName: 'PK_file_attachments' })
  appointmentId: string;

  @Column('timestamptz', { name: 'attached_at' })
  attachedAt: Date;

  @ManyToOne(() => FileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'FK_file_attachments_file_id' })
  file?: FileEntity;
}
