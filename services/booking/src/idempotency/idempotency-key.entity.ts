import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A patient's Idempotency-Key and the first answer given to it. The primary
 * key decides races between repeats: the second insert waits for the first
 * transaction and then finds its row.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid', { name: 'patient_id', primaryKeyConstraintName: 'PK_idempotency_keys' })
  patientId: string;

  @PrimaryColumn('text', { name: 'key', primaryKeyConstraintName: 'PK_idempotency_keys' })
  key: string;

  /** SHA-256 of the operation and its canonical request body. */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  /** Written in the same transaction that claims the key, so never seen empty by others. */
  @Column('jsonb', { nullable: true })
  response: unknown;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
