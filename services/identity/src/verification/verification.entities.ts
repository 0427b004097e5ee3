import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';

/**
 * A started bank confirmation: its state, nonce and PKCE verifier and the hash
 * of its browser binding, usable once, only until it expires and only while
 * the account has not logged out.
 */
@Entity({ name: 'bank_verification_attempts' })
@Unique('UQ_bank_verification_attempts_state', ['state'])
export class BankVerificationAttemptEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_bank_verification_attempts' })
  id: string;

  @Index('IDX_bank_verification_attempts_account_id')
  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_bank_verification_attempts_account_id' })
  account?: AccountEntity;

  @Column('text')
  state: string;

  @Column('text')
  nonce: string;

  @Column('text', { name: 'code_verifier' })
  codeVerifier: string;

  /** SHA-256 (hex) of the browser-binding cookie set when the attempt started; the callback must carry it. */
  @Column('text', { name: 'binding_hash' })
  bindingHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  /** Set when the session that started it ended (logout): the callback no longer completes it. */
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;
}

/** The confirmed person behind an account. One PESEL, one account: the unique constraint decides. */
@Entity({ name: 'verified_identities' })
@Unique('UQ_verified_identities_pesel', ['pesel'])
@Check('CHK_verified_identities_method', `"method" IN ('bank', 'call_center', 'facility', 'contact_form')`)
export class VerifiedIdentityEntity {
  @PrimaryColumn('uuid', { name: 'account_id', primaryKeyConstraintName: 'PK_verified_identities' })
  accountId: string;

  @OneToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_verified_identities_account_id' })
  account?: AccountEntity;

  @Column('text', { nullable: true })
  pesel: string | null;

  @Column('text', { name: 'first_name' })
  firstName: string;

  @Column('text', { name: 'last_name' })
  lastName: string;

  /** The account's name before this confirmation replaced it; null when it did not change (ADR 0015). */
  @Column('text', { name: 'registered_first_name', nullable: true })
  registeredFirstName: string | null;

  @Column('text', { name: 'registered_last_name', nullable: true })
  registeredLastName: string | null;

  @Column('date', { name: 'birth_date', nullable: true })
  birthDate: string | null;

  @Column('text')
  method: string;

  @Column('timestamptz', { name: 'verified_at' })
  verifiedAt: Date;
}

/** Every confirmation and refusal, bank or staff: the audit of who, when and how. */
@Entity({ name: 'verification_events' })
@Index('IDX_verification_events_account_id', ['accountId', 'createdAt'])
@Check('CHK_verification_events_method', `"method" IN ('bank', 'call_center', 'facility', 'contact_form')`)
@Check('CHK_verification_events_outcome', `"outcome" IN ('confirmed', 'refused')`)
export class VerificationEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_verification_events' })
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_verification_events_account_id' })
  account?: AccountEntity;

  @Column('text')
  method: string;

  @Column('text')
  outcome: string;

  @Column('text', { nullable: true })
  code: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'staff_id', nullable: true })
  staffId: string | null;

  @Column('text', { name: 'document_type', nullable: true })
  documentType: string | null;

  @Column('text', { name: 'document_last4', nullable: true })
  documentLast4: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
