import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf } from '../database';

/** Reset tokens and the password change a used one makes; every rule is one statement or one locked transaction. */
@Injectable()
export class PasswordResetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a new token for the account unless `maxPerWindow` were made since
   * `windowStart` (mail-bombing a victim from many addresses), under a lock on
   * the account so concurrent requests count each other. The new token uses
   * up the older ones: only the latest link works. Answers whether it was stored.
   */
  async create(
    accountId: string,
    tokenHash: string,
    now: Date,
    expiresAt: Date,
    windowStart: Date,
    maxPerWindow: number,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('password-reset:' || $1, 0))`, [accountId]);
      const recent: unknown = await manager.query(
        `SELECT count(*)::int AS "count" FROM "identity"."password_reset_tokens"
          WHERE "account_id" = $1 AND "created_at" > $2`,
        [accountId, windowStart],
      );
      if ((rowsOf<{ count: number }>(recent)[0]?.count ?? 0) >= maxPerWindow) return false;
      await manager.query(
        `UPDATE "identity"."password_reset_tokens" SET "used_at" = $2 WHERE "account_id" = $1 AND "used_at" IS NULL`,
        [accountId, now],
      );
      await manager.query(
        `INSERT INTO "identity"."password_reset_tokens" ("account_id", "token_hash", "created_at", "expires_at")
         VALUES ($1, $2, $3, $4)`,
        [accountId, tokenHash, now, expiresAt],
      );
      return true;
    });
  }

  /** The account of a token that still works (unknown, used or expired: null). Changes nothing. */
  async accountOfUsable(tokenHash: string, now: Date): Promise<string | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT "account_id" AS "accountId" FROM "identity"."password_reset_tokens"
        WHERE "token_hash" = $1 AND "used_at" IS NULL AND "expires_at" > $2`,
      [tokenHash, now],
    );
    return rowsOf<{ accountId: string }>(result)[0]?.accountId ?? null;
  }

  /**
   * Uses the token up and sets the new password hash, in one statement: of
   * two requests with one token, exactly one changes the password. Answers
   * the account, or null when the token no longer works.
   */
  async resetPassword(tokenHash: string, passwordHash: string, now: Date): Promise<string | null> {
    const result: unknown = await this.dataSource.query(
      `WITH "used" AS (
         UPDATE "identity"."password_reset_tokens" SET "used_at" = $3
          WHERE "token_hash" = $1 AND "used_at" IS NULL AND "expires_at" > $3
          RETURNING "account_id"
       )
       UPDATE "identity"."accounts" a SET "password_hash" = $2 FROM "used"
        WHERE a."id" = "used"."account_id"
        RETURNING a."id"`,
      [tokenHash, passwordHash, now],
    );
    return rowsOf<{ id: string }>(result)[0]?.id ?? null;
  }

  /** Uses up every open token of the account (its password just changed some other way). */
  async useUpAll(accountId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "identity"."password_reset_tokens" SET "used_at" = $2 WHERE "account_id" = $1 AND "used_at" IS NULL`,
      [accountId, now],
    );
  }

  async deleteFinished(now: Date): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `DELETE FROM "identity"."password_reset_tokens" WHERE "expires_at" <= $1 OR "used_at" IS NOT NULL RETURNING "id"`,
      [now],
    );
    return rowsOf(result).length;
  }
}
