import { Injectable } from '@nestjs/common';
import type { Channel } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CLINIC_TIME_ZONE } from '../slots/warsaw-time';
import { ScheduleTemplateEntity } from './schedule-template.entity';

export interface NewScheduleTemplate {
  doctorId: string;
  serviceId: string;
  facilityId: string | null;
  channel: Channel;
  weekday: number;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
}

/** Weekly templates and the slots generated from them. */
@Injectable()
export class SchedulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Takes the slot-generation lock for this transaction, or answers false when another replica holds it. */
  async tryGenerationLock(tx: EntityManager): Promise<boolean> {
    const [row] = (await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('booking:slot-generation', 0)) AS locked`,
    )) as Array<{ locked: boolean }>;
    return row?.locked ?? false;
  }

  async createTemplates(templates: NewScheduleTemplate[], tx: EntityManager = this.dataSource.manager): Promise<void> {
    if (templates.length > 0) await tx.insert(ScheduleTemplateEntity, templates);
  }

  async countTemplates(tx: EntityManager): Promise<number> {
    return tx.count(ScheduleTemplateEntity);
  }

  /**
   * Adds the slots the templates define on the Warsaw dates `firstDay`…`lastDay`
   * that start after `now` and do not exist yet (UQ_slots_doctor_id_starts_at).
   * Returns the new slots' ids, soonest first.
   */
  async generateSlots(tx: EntityManager, window: { firstDay: string; lastDay: string; now: Date }): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO "booking"."slots" (service_id, doctor_id, facility_id, channel, starts_at, ends_at)
       SELECT st.service_id, st.doctor_id, st.facility_id, st.channel, t, t + make_interval(mins => st.slot_minutes)
         FROM "booking"."schedule_templates" st
         CROSS JOIN generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') AS day
         CROSS JOIN LATERAL generate_series(
                (day::date + st.starts_at) AT TIME ZONE '${CLINIC_TIME_ZONE}',
                (day::date + st.ends_at) AT TIME ZONE '${CLINIC_TIME_ZONE}' - make_interval(mins => st.slot_minutes),
                make_interval(mins => st.slot_minutes)) AS t
        WHERE extract(isodow FROM day) = st.weekday
          AND t > $3
        ORDER BY t
       ON CONFLICT ON CONSTRAINT "UQ_slots_doctor_id_starts_at" DO NOTHING
       RETURNING id`,
      [window.firstDay, window.lastDay, window.now],
    );
    return rows.map((row) => row.id);
  }
}
