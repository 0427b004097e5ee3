import type { ChatMessageKind, SharedFileView } from '@pacjent/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OnlineConsultationEntity } from './online-consultation.entity';

export type ChatAuthor = 'patient' | 'doctor' | 'system';

/** One entry of a consultation's transcript; (consultation, seq) is its key, seq 1, 2, 3… without gaps. */
@Entity({ name: 'online_messages' })
@Check('CHK_online_messages_author', `"author" IN ('patient', 'doctor', 'system')`)
@Check('CHK_online_messages_kind', `"kind" IN ('text', 'file', 'call_started', 'call_ended', 'ended')`)
@Check('CHK_online_messages_seq', `"seq" >= 1`)
@Check('CHK_online_messages_file_id', `("kind" = 'file') = ("file_id" IS NOT NULL)`)
// A file is shared once per consultation: concurrent shares of one file are decided here.
@Index('UQ_online_messages_shared_file', ['consultationId', 'fileId'], {
  unique: true,
  where: `"file_id" IS NOT NULL`,
})
// A line is stored once per sender: a page re-sending a line it got no ack for finds it here (ADR 0023).
@Index('UQ_online_messages_client_message', ['consultationId', 'author', 'clientMessageId'], {
  unique: true,
  where: `"client_message_id" IS NOT NULL`,
})
export class OnlineMessageEntity {
  @PrimaryColumn('uuid', { name: 'consultation_id', primaryKeyConstraintName: 'PK_online_messages' })
  consultationId: string;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'PK_online_messages' })
  seq: number;

  @ManyToOne(() => OnlineConsultationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'consultation_id', foreignKeyConstraintName: 'FK_online_messages_consultation_id' })
  consultation?: OnlineConsultationEntity;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  author: ChatAuthor;

  @Column('text')
  kind: ChatMessageKind;

  @Column('text', { nullable: true })
  text: string | null;

  @Column('jsonb', { nullable: true })
  file: SharedFileView | null;

  /** The shared file (files' id) of a `file` entry; its name, type and size are in `file`, as files told them. */
  @Column('uuid', { name: 'file_id', nullable: true })
  fileId: string | null;

  /** The sender's page's id of a `text` line (`clientMessageId`); null for entries no page sent this way. */
  @Column('text', { name: 'client_message_id', nullable: true })
  clientMessageId: string | null;
}
