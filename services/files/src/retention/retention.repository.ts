import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface DueFile {
  id: string;
  object_key: string;
}

/** The rows the maintenance jobs work on, taken with row locks so replicas never share a row. */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Stored files whose time is up, locked; rows another replica holds are skipped. */
  takeExpired(tx: EntityManager, now: Date, limit: number): Promise<DueFile[]> {
    return tx.query(
      `SELECT id, object_key FROM "files"."files"
        WHERE status = 'stored' AND expires_at <= $1
        ORDER BY expires_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Reservations nobody finished in time, locked the same way. */
  takeStalePending(tx: EntityManager, staleBefore: Date, limit: number): Promise<DueFile[]> {
    return tx.query(
      `SELECT id, object_key FROM "files"."files"
        WHERE status = 'pending' AND created_at <= $1
        ORDER BY created_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [staleBefore, limit],
    );
  }

  async deleteRows(tx: EntityManager, ids: string[]): Promise<void> {
    await tx.query(`DELETE FROM "files"."files" WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Which of these object keys have a row (pending or stored)? */
  async knownKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Array<{ object_key: string }> = await this.dataSource.query(
      `SELECT object_key FROM "files"."files" WHERE object_key = ANY($1::text[])`,
      [keys],
    );
    return new Set(rows.map((row) => row.object_key));
  }
}
