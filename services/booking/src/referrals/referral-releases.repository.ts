import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface PendingRelease {
  reservationId: string;
  referralId: string;
  patientId: string;
}

/** The outbox of referral sessions to give back. */
@Injectable()
export class ReferralReleasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(release: PendingRelease, now: Date, tx: EntityManager = this.dataSource.manager): Promise<void> {
    await tx.query(
      `INSERT INTO "booking"."referral_releases" (reservation_id, referral_id, patient_id, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT ON CONSTRAINT "PK_referral_releases" DO NOTHING`,
      [release.reservationId, release.referralId, release.patientId, now],
    );
  }

  /**
   * Works through due releases, each row locked (SKIP LOCKED) so replicas
   * never send the same one at once. `send` returns whether it was delivered:
   * delivered rows are deleted, others wait `retryMs` longer.
   */
  async drainDue(
    now: Date,
    retryMs: number,
    send: (release: PendingRelease) => Promise<boolean>,
    reservationId?: string,
  ): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<{ reservation_id: string; referral_id: string; patient_id: string }> = await tx.query(
        `SELECT reservation_id, referral_id, patient_id FROM "booking"."referral_releases"
          WHERE next_attempt_at <= $1 ${reservationId ? 'AND reservation_id = $2' : ''}
          ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED`,
        reservationId ? [now, reservationId] : [now],
      );
      let delivered = 0;
      for (const row of rows) {
        const release = { reservationId: row.reservation_id, referralId: row.referral_id, patientId: row.patient_id };
        if (await send(release)) {
          delivered += 1;
          await tx.query(`DELETE FROM "booking"."referral_releases" WHERE reservation_id = $1`, [row.reservation_id]);
        } else {
          await tx.query(
            `UPDATE "booking"."referral_releases" SET attempts = attempts + 1, next_attempt_at = $2
              WHERE reservation_id = $1`,
            [row.reservation_id, new Date(now.getTime() + retryMs)],
          );
        }
      }
      return delivered;
    });
  }

  async pending(): Promise<PendingRelease[]> {
    const rows: Array<{ reservation_id: string; referral_id: string; patient_id: string }> =
      await this.dataSource.query(
        `SELECT reservation_id, referral_id, patient_id FROM "booking"."referral_releases" ORDER BY created_at`,
      );
    return rows.map((row) => ({
      reservationId: row.reservation_id,
      referralId: row.referral_id,
      patientId: row.patient_id,
    }));
  }
}
