import { Injectable } from '@nestjs/common';
import type { DoctorVisitFacts, VisitOutcomeStatus } from '@pacjent/contracts';
import { DataSource } from 'typeorm';

@Injectable()
export class VisitOutcomesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One appointment's facts, when the doctor signed in as `doctorAccountId` runs it. */
  async facts(appointmentId: string, doctorAccountId: string): Promise<DoctorVisitFacts | null> {
    const rows: Array<{
      patient_id: string;
      status: DoctorVisitFacts['status'];
      starts_at: Date;
      ends_at: Date;
      channel: DoctorVisitFacts['channel'];
      service_id: string;
      service_name: string;
      service_kind: DoctorVisitFacts['service']['kind'];
      doctor_id: string;
      doctor_name: string;
    }> = await this.dataSource.query(
      `SELECT a.patient_id, a.status, a.starts_at, a.ends_at, s.channel,
              sv.id AS service_id, sv.name AS service_name, sv.kind AS service_kind,
              d.id AS doctor_id, d.name AS doctor_name
         FROM "booking"."appointments" a
         JOIN "booking"."slots" s ON s.id = a.slot_id
         JOIN "booking"."services" sv ON sv.id = s.service_id
         JOIN "booking"."doctors" d ON d.id = s.doctor_id
        WHERE a.id = $1 AND d.account_id = $2`,
      [appointmentId, doctorAccountId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      appointmentId,
      patientId: row.patient_id,
      status: row.status,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      channel: row.channel,
      service: { id: row.service_id, name: row.service_name, kind: row.service_kind },
      doctor: { id: row.doctor_id, name: row.doctor_name },
    };
  }

  /**
   * Sets the status consultations recorded. Only a booked appointment
   * changes, so a repeated event changes nothing; answers whether it changed.
   */
  async applyOutcome(appointmentId: string, status: VisitOutcomeStatus): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (
         UPDATE "booking"."appointments" SET status = $2 WHERE id = $1 AND status = 'booked' RETURNING id)
       SELECT id FROM changed`,
      [appointmentId, status],
    );
    return rows.length > 0;
  }
}
