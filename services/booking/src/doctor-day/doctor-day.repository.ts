import { Injectable } from '@nestjs/common';
import type { DoctorDayAppointmentView, DoctorLastVisit, DoctorStanding } from '@pacjent/contracts';
import { DataSource } from 'typeorm';

export type DoctorDayRow = Omit<DoctorDayAppointmentView, 'patient'> & { patientId: string };

@Injectable()
export class DoctorDayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The visits (not cancelled) of the doctor signed in as `doctorAccountId` starting in [from, to), by time. */
  async visits(doctorAccountId: string, from: Date, to: Date): Promise<DoctorDayRow[]> {
    const rows: Array<{
      id: string;
      patient_id: string;
      status: DoctorDayRow['status'];
      starts_at: Date;
      ends_at: Date;
      channel: DoctorDayRow['channel'];
      service_id: string;
      service_name: string;
      service_kind: DoctorDayRow['service']['kind'];
      facility_id: string | null;
      facility_name: string | null;
    }> = await this.dataSource.query(
      `SELECT a.id, a.patient_id, a.status, a.starts_at, a.ends_at, s.channel,
              sv.id AS service_id, sv.name AS service_name, sv.kind AS service_kind,
              f.id AS facility_id, f.name AS facility_name
         FROM "booking"."appointments" a
         JOIN "booking"."slots" s ON s.id = a.slot_id
         JOIN "booking"."doctors" d ON d.id = s.doctor_id
         JOIN "booking"."services" sv ON sv.id = s.service_id
         LEFT JOIN "booking"."facilities" f ON f.id = s.facility_id
        WHERE d.account_id = $1 AND a.status <> 'cancelled' AND a.starts_at >= $2 AND a.starts_at < $3
        ORDER BY a.starts_at, a.id`,
      [doctorAccountId, from, to],
    );
    return rows.map((row) => ({
      id: row.id,
      patientId: row.patient_id,
      status: row.status,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      channel: row.channel,
      service: { id: row.service_id, name: row.service_name, kind: row.service_kind },
      facility: row.facility_id ? { id: row.facility_id, name: row.facility_name ?? '' } : null,
    }));
  }

  /** Each patient's last visit (not cancelled, started before `now`) with the doctor signed in as `doctorAccountId`. */
  async lastVisits(doctorAccountId: string, patientIds: string[], now: Date): Promise<DoctorLastVisit[]> {
    if (patientIds.length === 0) return [];
    const rows: Array<{ patient_id: string; starts_at: Date; service_id: string; service_name: string }> =
      await this.dataSource.query(
        `SELECT DISTINCT ON (a.patient_id) a.patient_id, a.starts_at, sv.id AS service_id, sv.name AS service_name
           FROM "booking"."appointments" a
           JOIN "booking"."slots" s ON s.id = a.slot_id
           JOIN "booking"."doctors" d ON d.id = s.doctor_id
           JOIN "booking"."services" sv ON sv.id = s.service_id
          WHERE d.account_id = $1 AND a.patient_id = ANY($2::uuid[]) AND a.status <> 'cancelled' AND a.starts_at < $3
          ORDER BY a.patient_id, a.starts_at DESC`,
        [doctorAccountId, patientIds, now],
      );
    return rows.map((row) => ({
      patientId: row.patient_id,
      startsAt: row.starts_at.toISOString(),
      service: { id: row.service_id, name: row.service_name },
    }));
  }

  /** Doctor accounts with their specialties, working = a schedule template or a live slot from `now` on. */
  async standing(accountIds: string[], now: Date): Promise<DoctorStanding[]> {
    const rows: Array<{ account_id: string; specialties: string[]; working: boolean }> = await this.dataSource.query(
      `SELECT d.account_id, d.specialties,
              (EXISTS (SELECT 1 FROM "booking"."schedule_templates" t WHERE t.doctor_id = d.id)
               OR EXISTS (SELECT 1 FROM "booking"."slots" s
                           WHERE s.doctor_id = d.id AND s.starts_at >= $2 AND s.withdrawn_at IS NULL)) AS working
         FROM "booking"."doctors" d WHERE d.account_id = ANY($1::uuid[])`,
      [accountIds, now],
    );
    const known = new Map(rows.map((row) => [row.account_id, row]));
    return accountIds.map((accountId) => ({
      accountId,
      working: known.get(accountId)?.working ?? false,
      specialties: known.get(accountId)?.specialties ?? [],
    }));
  }
}
