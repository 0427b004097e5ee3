import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';

/**
 * One refresh token of a family (a login session). Only the SHA-256 of the
 * token is stored. Each refresh uses up its token and adds the next one to
 * the family; presenting a used token revokes the whole family.
 */
@Entity({ name: 'refresh_tokens' })
@Unique('UQ_refresh_tokens_token_hash', ['tokenHash'])
@Check('CHK_refresh_tokens_token_hash', `"token_hash" ~ '^[0-9a-f]{64}$'`)
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_refresh_tokens' })
  id: string;

  @Index('IDX_refresh_tokens_family_id')
  @Column('uuid', { name: 'family_id' })
  familyId: string;

  @Index('IDX_refresh_tokens_account_id')
  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_refresh_tokens_account_id' })
  account?: AccountEntity;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Index('IDX_refresh_tokens_expires_at')
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
