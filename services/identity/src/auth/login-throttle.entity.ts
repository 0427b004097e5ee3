import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Login attempts per key (the hash of an email or of a client IP) in a fixed
 * window that starts at the first failure, shared by every replica. Written
 * only by single atomic statements.
 */
@Entity({ name: 'login_throttle' })
@Check('CHK_login_throttle_counts', `"failures" >= 0 AND "pending" >= 0`)
export class LoginThrottleEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_login_throttle' })
  key: string;

  /** Failed attempts in the window. */
  @Column('integer')
  failures: number;

  /** Attempts admitted whose password check has not finished yet. */
  @Column('integer')
  pending: number;

  @Index('IDX_login_throttle_window_ends_at')
  @Column('timestamptz', { name: 'window_ends_at' })
  windowEndsAt: Date;
}
