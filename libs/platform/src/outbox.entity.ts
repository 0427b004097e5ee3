import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event waiting to be published (or already published: `publishedAt`). Its id
 * is the JetStream msgID. One table per service schema (OutboxTable writes it).
 */
@Entity({ name: 'outbox' })
@Index('IDX_outbox_created_at_unpublished', ['createdAt'], { where: `"published_at" IS NULL` })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_outbox' })
  id: string;

  /** A bus subject from Subjects (the BUS_PREFIX is added when publishing). */
  @Column('text')
  subject: string;

  @Column('jsonb')
  payload: unknown;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;
}
