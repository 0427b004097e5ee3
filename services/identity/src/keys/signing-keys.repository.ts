import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, type Repository } from 'typeorm';
import { rowsOf } from '../database';
import type { SealedJwk } from './key-sealing';
import { SigningKeyEntity } from './signing-key.entity';

export type NewSigningKey = Pick<SigningKeyEntity, 'kid' | 'algorithm' | 'publicJwk' | 'privateJwk' | 'createdAt'>;

const SIGNING_KEYS_LOCK = 'identity:signing-keys';

@Injectable()
export class SigningKeysRepository {
  constructor(
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The key that signs now: the newest one not retired. */
  findActive(): Promise<SigningKeyEntity | null> {
    return this.keys.findOne({ where: { retiredAt: IsNull() }, order: { id: 'DESC' } });
  }

  /** Every key not retired, newest first: what the JWKS publishes. */
  findPublished(): Promise<SigningKeyEntity[]> {
    return this.keys.find({ where: { retiredAt: IsNull() }, order: { id: 'DESC' } });
  }

  async insert(key: NewSigningKey): Promise<void> {
    await this.keys.insert(key);
  }

  /**
   * Inserts the key made by `makeKey` only when no key is active, under an
   * advisory lock so replicas starting together create one key, not several.
   * Answers whether it inserted.
   */
  insertIfNoneActive(makeKey: () => Promise<NewSigningKey>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SIGNING_KEYS_LOCK]);
      const active = await manager.getRepository(SigningKeyEntity).existsBy({ retiredAt: IsNull() });
      if (active) return false;
      await manager.getRepository(SigningKeyEntity).insert(await makeKey());
      return true;
    });
  }

  /** Keys whose private JWK is still stored in the clear (written before keys were sealed). */
  async findUnsealed(): Promise<SigningKeyEntity[]> {
    return this.keys.createQueryBuilder('key').where(`NOT (key.private_jwk ? 'sealed')`).getMany();
  }

  /** Replaces a key's clear private JWK by its sealed form; a row already sealed (by a replica) is left alone. */
  async sealPrivateJwk(kid: string, sealed: SealedJwk): Promise<void> {
    await this.dataSource.query(
      `UPDATE "identity"."signing_keys" SET "private_jwk" = $2::jsonb
        WHERE "kid" = $1 AND NOT ("private_jwk" ? 'sealed')`,
      [kid, JSON.stringify(sealed)],
    );
  }

  /** Retires `kid` unless it is the active key (a service always keeps one key to sign with). */
  async retire(kid: string, at: Date): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE "identity"."signing_keys" SET "retired_at" = $2
        WHERE "kid" = $1 AND "retired_at" IS NULL
          AND "id" < (SELECT max("id") FROM "identity"."signing_keys" WHERE "retired_at" IS NULL)
        RETURNING "kid"`,
      [kid, at],
    );
    return rowsOf(result).length > 0;
  }
}
