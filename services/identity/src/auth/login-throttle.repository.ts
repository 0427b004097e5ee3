import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf } from '../database';
import type { ThrottleCount } from './login-throttle';

/**
 * The shared login counters. Every change is one atomic statement on one row,
 * so replicas never lose a count and never deadlock each other.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds an attempt to the key's `pending` (starting a new window when the
   * old one is over; `windowEndsAt` is where a new one would end) and answers
   * the counters after it.
   */
  async reserve(key: string, windowEndsAt: Date, now: Date): Promise<ThrottleCount> {
    const result: unknown = await this.dataSource.query(
      `INSERT INTO "identity"."login_throttle" AS t ("key", "failures", "pending", "window_ends_at")
       VALUES ($1, 0, 1, $2)
       ON CONFLICT ("key") DO UPDATE SET
         "failures" = CASE WHEN t."window_ends_at" <= $3 THEN 0 ELSE t."failures" END,
         "pending" = CASE WHEN t."window_ends_at" <= $3 THEN 1 ELSE t."pending" + 1 END,
         "window_ends_at" = CASE WHEN t."window_ends_at" <= $3 THEN EXCLUDED."window_ends_at" ELSE t."window_ends_at" END
       RETURNING "failures", "pending", "window_ends_at" AS "windowEndsAt"`,
      [key, windowEndsAt, now],
    );
    return rowsOf<ThrottleCount>(result)[0]!;
  }

  /** Takes a reserved attempt back without judging it (refused, or the check itself broke). */
  async release(key: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE "identity"."login_throttle" SET "pending" = GREATEST("pending" - 1, 0) WHERE "key" = $1',
      [key],
    );
  }

  /** Turns a reserved attempt into a failure; the first failure (re)starts the window. */
  async recordFailure(key: string, windowEndsAt: Date, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "identity"."login_throttle" AS t ("key", "failures", "pending", "window_ends_at")
       VALUES ($1, 1, 0, $2)
       ON CONFLICT ("key") DO UPDATE SET
         "failures" = CASE WHEN t."window_ends_at" <= $3 THEN 1 ELSE t."failures" + 1 END,
         "pending" = GREATEST(t."pending" - 1, 0),
         "window_ends_at" = CASE WHEN t."window_ends_at" <= $3 OR t."failures" = 0
                                 THEN EXCLUDED."window_ends_at" ELSE t."window_ends_at" END`,
      [key, windowEndsAt, now],
    );
  }

  /** Takes a reserved attempt back and forgets the key's failures (a successful login resets its account). */
  async reset(key: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE "identity"."login_throttle" SET "failures" = 0, "pending" = GREATEST("pending" - 1, 0) WHERE "key" = $1',
      [key],
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    const result: unknown = await this.dataSource.query(
      'DELETE FROM "identity"."login_throttle" WHERE "window_ends_at" <= $1 RETURNING "key"',
      [now],
    );
    return rowsOf(result).length;
  }
}
