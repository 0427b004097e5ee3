import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, type Repository } from 'typeorm';
import { rowsOf } from '../database';
import { RefreshTokenEntity } from './refresh-token.entity';

export type NewRefreshToken = Pick<
  RefreshTokenEntity,
  'familyId' | 'accountId' | 'tokenHash' | 'createdAt' | 'expiresAt'
>;

/** A session: a refresh-token family, and whose it is. */
export interface RevokedFamily {
  familyId: string;
  accountId: string;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(
    @InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.tokens.insert(token);
  }

  /**
   * Uses up the token with `oldHash` and adds `newHash` to its family, in one
   * statement: of two requests presenting the same token, exactly one wins.
   * Answers null when the token is unknown, used, revoked or expired.
   */
  async rotate(
    oldHash: string,
    newHash: string,
    now: Date,
    expiresAt: Date,
  ): Promise<{ accountId: string; familyId: string } | null> {
    const result: unknown = await this.dataSource.query(
      `WITH "used" AS (
         UPDATE "identity"."refresh_tokens" SET "used_at" = $3
          WHERE "token_hash" = $1 AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > $3
          RETURNING "family_id", "account_id"
       )
       INSERT INTO "identity"."refresh_tokens" ("family_id", "account_id", "token_hash", "created_at", "expires_at")
       SELECT "family_id", "account_id", $2, $3, $4 FROM "used"
       RETURNING "family_id" AS "familyId", "account_id" AS "accountId"`,
      [oldHash, newHash, now, expiresAt],
    );
    return rowsOf<{ accountId: string; familyId: string }>(result)[0] ?? null;
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  async revokeFamily(familyId: string, now: Date): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `UPDATE "identity"."refresh_tokens" SET "revoked_at" = $2
        WHERE "family_id" = $1 AND "revoked_at" IS NULL RETURNING "id"`,
      [familyId, now],
    );
    return rowsOf(result).length;
  }

  /**
   * Revokes the family of the token with `tokenHash`; answers the family (the
   * session) and its account when there is such a token, revoked now or before.
   */
  async revokeFamilyOf(tokenHash: string, now: Date): Promise<RevokedFamily | null> {
    const result: unknown = await this.dataSource.query(
      `WITH "family" AS (
         SELECT "family_id", "account_id" FROM "identity"."refresh_tokens" WHERE "token_hash" = $1
       ), "revoked" AS (
         UPDATE "identity"."refresh_tokens" SET "revoked_at" = $2
          WHERE "family_id" = (SELECT "family_id" FROM "family") AND "revoked_at" IS NULL
       )
       SELECT "family_id" AS "familyId", "account_id" AS "accountId" FROM "family"`,
      [tokenHash, now],
    );
    return rowsOf<RevokedFamily>(result)[0] ?? null;
  }

  /**
   * Revokes every open session of the account except the one holding
   * `keepTokenHash` (the caller's own, when it changes its password);
   * answers the sessions it ended.
   */
  async revokeAccountFamilies(accountId: string, now: Date, keepTokenHash?: string): Promise<RevokedFamily[]> {
    const result: unknown = await this.dataSource.query(
      `UPDATE "identity"."refresh_tokens" SET "revoked_at" = $2
        WHERE "account_id" = $1 AND "revoked_at" IS NULL
          AND "family_id" IS DISTINCT FROM (SELECT "family_id" FROM "identity"."refresh_tokens" WHERE "token_hash" = $3 AND "account_id" = $1)
        RETURNING "family_id" AS "familyId", "account_id" AS "accountId"`,
      [accountId, now, keepTokenHash ?? null],
    );
    const families = new Map(rowsOf<RevokedFamily>(result).map((f) => [f.familyId, f]));
    return [...families.values()];
  }

  /** Families revoked after `since`, each with its latest revocation time. */
  async revokedSince(since: Date): Promise<Array<RevokedFamily & { revokedAt: Date }>> {
    const result: unknown = await this.dataSource.query(
      `SELECT "family_id" AS "familyId", MIN("account_id"::text) AS "accountId", MAX("revoked_at") AS "revokedAt"
         FROM "identity"."refresh_tokens"
        WHERE "revoked_at" > $1
        GROUP BY "family_id"`,
      [since],
    );
    return rowsOf<RevokedFamily & { revokedAt: Date }>(result);
  }

  /** Expired tokens are refused anyway; reuse detection does not need them either. */
  async deleteExpired(now: Date): Promise<number> {
    const result = await this.tokens.delete({ expiresAt: LessThanOrEqual(now) });
    return result.affected ?? 0;
  }
}
