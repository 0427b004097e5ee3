import type { JWK } from 'jose';
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

  /** Not encrypted at rest yet: the database is the trust boundary. */
  @Column('jsonb', { name: 'private_jwk' })
  privateJwk: JWK;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt: Date | null;
}
