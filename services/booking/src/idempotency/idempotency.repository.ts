import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type Claim = { claimed: true } | { claimed: false; requestHash: string; response: unknown };

/** Idempotency keys, always inside the caller's transaction. */
@Injectable()
export class IdempotencyRepository {
  /**
   * Claims the key for this request. If another transaction holds the same
   * key, PostgreSQL makes this insert wait for it; afterwards the key is
   * either ours (it rolled back) or theirs, with their answer.
   */
  async claim(tx: EntityManager, patientId: string, key: string, requestHash: string, now: Date): Promise<Claim> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO "booking"."idempotency_keys" (patient_id, key, request_hash, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT "PK_idempotency_keys" DO NOTHING
       RETURNING key`,
      [patientId, key, requestHash, now],
    );
    if (inserted.length > 0) return { claimed: true };
    const [existing] = (await tx.query(
      `SELECT request_hash, response FROM "booking"."idempotency_keys" WHERE patient_id = $1 AND key = $2`,
      [patientId, key],
    )) as Array<{ request_hash: string; response: unknown }>;
    if (!existing) throw new Error('idempotency key vanished between insert and select');
    return { claimed: false, requestHash: existing.request_hash, response: existing.response };
  }

  async saveResponse(tx: EntityManager, patientId: string, key: string, response: unknown): Promise<void> {
    await tx.query(`UPDATE "booking"."idempotency_keys" SET response = $3 WHERE patient_id = $1 AND key = $2`, [
      patientId,
      key,
      JSON.stringify(response),
    ]);
  }
}
