import { Injectable } from '@nestjs/common';
import { RELATION_FUTURE_DAYS, RELATION_PAST_DAYS } from '@pacjent/contracts';
import { DataSource } from 'typeorm';

const DAY_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class RelationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whether the doctor signed in as `doctorAccountId` has a visit (booked or
   * completed) with the patient that starts inside the relation window
   * around `now`.
   */
  async hasVisitRelation(doctorAccountId: string, patientId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1
         FROM "booking"."appointments" a
         JOIN "booking"."slots" s ON s.id = a.slot_id
         JOIN "booking"."doctors" d ON d.id = s.doctor_id
        WHERE a.patient_id = $1
          AND d.account_id = $2
          AND a.status IN ('booked', 'completed')
          AND a.starts_at >= $3
          AND a.starts_at < $4
        LIMIT 1`,
      [
        patientId,
        doctorAccountId,
        new Date(now.getTime() - RELATION_PAST_DAYS * DAY_MS),
        new Date(now.getTime() + RELATION_FUTURE_DAYS * DAY_MS),
      ],
    );
    return rows.length > 0;
  }
}
