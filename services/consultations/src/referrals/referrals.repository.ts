import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReferralEntity } from './referral.entity';

export interface Reservation {
  referralId: string;
  status: 'reserved' | 'released';
  sessionsLeft: number;
}

@Injectable()
export class ReferralsRepository {
  constructor(private readonly dataSource: DataSource) {}

  listOfPatient(patientId: string): Promise<ReferralEntity[]> {
    return this.dataSource
      .getRepository(ReferralEntity)
      .find({ where: { patientId }, order: { issuedAt: 'DESC', id: 'ASC' } });
  }

  /**
   * Takes one session of the referral for `reservationId`, in one
   * transaction: the reservation row (its primary key makes a repeat with the
   * same id wait for, then see, the first), then a single conditional UPDATE
   * of the referral that decides between parallel reservations. Answers null
   * when the referral is not usable (the reservation row goes with the
   * rollback), or the existing reservation when the id was seen before.
   */
  reserve(input: {
    reservationId: string;
    referralId: string;
    patientId: string;
    serviceId: string;
    startsAt: Date;
    now: Date;
  }): Promise<Reservation | null> {
    return this.dataSource
      .transaction(async (tx) => {
        const inserted: unknown[] = await tx.query(
          `INSERT INTO "consultations"."referral_reservations" (reservation_id, referral_id, patient_id, status, created_at)
           VALUES ($1, $2, $3, 'reserved', $4) ON CONFLICT (reservation_id) DO NOTHING RETURNING reservation_id`,
          [input.reservationId, input.referralId, input.patientId, input.now],
        );
        if (inserted.length === 0) {
          const [existing]: Array<{ referral_id: string; patient_id: string; status: 'reserved' | 'released' }> =
            await tx.query(
              `SELECT referral_id, patient_id, status FROM "consultations"."referral_reservations" WHERE reservation_id = $1`,
              [input.reservationId],
            );
          if (!existing || existing.referral_id !== input.referralId || existing.patient_id !== input.patientId) {
            return null;
          }
          const [referral]: Array<{ sessions_left: number }> = await tx.query(
            `SELECT sessions_total - sessions_used AS sessions_left FROM "consultations"."referrals" WHERE id = $1`,
            [input.referralId],
          );
          return { referralId: input.referralId, status: existing.status, sessionsLeft: referral?.sessions_left ?? 0 };
        }
        const taken: Array<{ sessions_left: number }> = await tx.query(
          `WITH taken AS (
             UPDATE "consultations"."referrals" SET sessions_used = sessions_used + 1
              WHERE id = $1 AND patient_id = $2 AND service_id = $3
                AND valid_until > $4 AND valid_until > $5 AND sessions_used < sessions_total
            RETURNING sessions_total - sessions_used AS sessions_left)
           SELECT sessions_left FROM taken`,
          [input.referralId, input.patientId, input.serviceId, input.startsAt, input.now],
        );
        if (taken.length === 0) throw new ReferralNotUsable();
        return { referralId: input.referralId, status: 'reserved' as const, sessionsLeft: taken[0]!.sessions_left };
      })
      .catch((error: unknown) => {
        if (error instanceof ReferralNotUsable) return null;
        throw error;
      });
  }

  /**
   * Gives a reserved session back, once. A release for an id never reserved
   * leaves a `released` row behind, so a reservation arriving later with that
   * id is refused instead of taking a session nobody will release. Answers
   * whether a session was given back.
   */
  release(input: { reservationId: string; referralId: string; patientId: string; now: Date }): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<{ referral_id: string; was_reserved: boolean }> = await tx.query(
        `INSERT INTO "consultations"."referral_reservations" AS r
                (reservation_id, referral_id, patient_id, status, created_at, released_at)
         VALUES ($1, $2, $3, 'released', $4, $4)
         ON CONFLICT (reservation_id) DO UPDATE SET status = 'released', released_at = EXCLUDED.released_at
          WHERE r.status = 'reserved' AND r.patient_id = EXCLUDED.patient_id
         RETURNING r.referral_id, (r.xmax <> 0) AS was_reserved`,
        [input.reservationId, input.referralId, input.patientId, input.now],
      );
      const row = rows[0];
      if (!row?.was_reserved) return false;
      await tx.query(
        `UPDATE "consultations"."referrals" SET sessions_used = sessions_used - 1 WHERE id = $1 AND sessions_used > 0`,
        [row.referral_id],
      );
      return true;
    });
  }
}

class ReferralNotUsable extends Error {}
