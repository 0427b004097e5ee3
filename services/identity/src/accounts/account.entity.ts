import type { AccountLevel, Role } from '@pacjent/contracts';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'accounts' })
@Unique('UQ_accounts_email', ['email'])
@Check('CHK_accounts_email_normalised', `"email" = lower(btrim("email"))`)
@Check('CHK_accounts_level', `"level" IN ('basic', 'full')`)
@Check(
  'CHK_accounts_roles',
  `cardinality("roles") > 0 AND "roles" <@ ARRAY['patient', 'staff', 'doctor', 'lab']::text[]`,
)
@Check('CHK_accounts_pesel', `"pesel" IS NULL OR "pesel" ~ '^[0-9]{11}$'`)
@Check('CHK_accounts_verification', `("verified_at" IS NULL) = ("verification_method" IS NULL)`)
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_accounts' })
  id: string;

  /** Normalised: trimmed and lower-cased. */
  @Column('text')
  email: string;

  /** argon2id, PHC string. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text', { name: 'first_name' })
  firstName: string;

  @Column('text', { name: 'last_name' })
  lastName: string;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  pesel: string | null;

  @Column('text', { array: true, default: () => `'{patient}'` })
  roles: Role[];

  @Column('text', { default: 'basic' })
  level: AccountLevel;

  /** Set by identity confirmation (a later feature); null until then. */
  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt: Date | null;

  @Column('text', { name: 'verification_method', nullable: true })
  verificationMethod: string | null;

  @Column('timestamptz', { name: 'terms_accepted_at' })
  termsAcceptedAt: Date;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
