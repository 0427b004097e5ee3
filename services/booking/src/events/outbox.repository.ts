import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Events not yet published, and how old the oldest of them is (seconds; 0 when none). */
  async backlog(now: Date): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count, COALESCE(EXTRACT(EPOCH FROM $1::timestamptz - min(created_at)), 0)::float8 AS age
         FROM "booking"."outbox" WHERE published_at IS NULL`,
      [now],
    )) as Array<{ count: number; age: number }>;
    return { count: row?.count ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
  }

  async add(tx: EntityManager, subject: string, payload: unknown, now: Date): Promise<void> {
    await tx.query(`INSERT INTO "booking"."outbox" (subject, payload, created_at) VALUES ($1, $2, $3)`, [
      subject,
      JSON.stringify(payload),
      now,
    ]);
  }

  /**
   * Publishes unpublished events oldest first, each row locked (SKIP LOCKED)
   * so replicas never publish the same one at once; `publish` throwing leaves
   * the rest for the next round.
   */
  drain(now: Date, publish: (row: OutboxRow) => Promise<void>, limit = 100): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, subject, payload FROM "booking"."outbox" WHERE published_at IS NULL
          ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      let published = 0;
      for (const row of rows) {
        try {
          await publish(row);
        } catch {
          break;
        }
        await tx.query(`UPDATE "booking"."outbox" SET published_at = $2 WHERE id = $1`, [row.id, now]);
        published += 1;
      }
      return published;
    });
  }
}
