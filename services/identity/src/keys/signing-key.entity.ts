import type { JWK } from 'jose';
import type { SealedJwk } from './key-sealing';
import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A key that signs access tokens. The newest key not retired signs; every key
 * not retired is published in the JWKS, so tokens signed before a rotation
 * still verify until their key is retired.
 */
@Entity({ name: 'signing_keys' })
@Unique('UQ_signing_keys_kid', ['kid'])
@Check('CHK_signing_keys_algorithm', `"algorithm" IN ('ES256')`)
export class SigningKeyEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'PK_signing_keys' })
  id: number;

  @Column('text')
  kid: string;

  @Column('text')
  algorithm: string;

  @Column('jsonb', { name: 'public_jwk' })
  publicJwk: JWK;

  /**
   * The private JWK sealed with KEYS_ENCRYPTION_KEY (key-sealing.ts). A plain
   * JWK (rows written before sealing) is sealed when the service starts.
   */
  @Column('jsonb', { name: 'private_jwk' })
  privateJwk: SealedJwk | JWK;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt: Date | null;
}
