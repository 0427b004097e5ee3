import { Injectable } from '@nestjs/common';
import type { Channel } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { isExclusionViolation } from '../database-errors';
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
   * that start after `now`, each remembering its template; only `templateId`'s
   * when given. Returns the new slots' ids, soonest first. A time is skipped when
   * - the doctor already has a live slot starting then (ON CONFLICT on
   *   UQ_slots_doctor_id_starts_at_live, the partial unique index WHERE
   *   withdrawn_at IS NULL); or
   * - it overlaps a withdrawn slot of the doctor whose visit is still booked:
   *   the doctor sees that patient then. Overlap, not equal start: a recreated
   *   template may have another slot length.
   * A withdrawn slot with only cancelled visits blocks nothing, so recreating a
   * removed template leaves no gap; the withdrawn row itself is never revived or
   * rewritten (its history stays). Once a withdrawn slot's visit is cancelled,
   * the next run (the hourly job, this same path) fills its time.
   *
   * Why the NOT EXISTS read cannot let a double booking through: a withdrawn
   * slot cannot be booked (every booking path requires withdrawn_at IS NULL),
   * so its booked visit can only turn cancelled, never appear; a stale read can
   * only skip a time that the next run fills. Runs are serialised by the
   * generation advisory lock, and a live slot at the same start is excluded by
   * the unique index, not by this read.
   */
  async generateSlots(
    tx: EntityManager,
    window: { firstDay: string; lastDay: string; now: Date; templateId?: string },
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO "booking"."slots" (service_id, doctor_id, facility_id, channel, starts_at, ends_at, schedule_template_id)
       SELECT st.service_id, st.doctor_id, st.facility_id, st.channel, t, t + make_interval(mins => st.slot_minutes), st.id
         FROM "booking"."schedule_templates" st
         CROSS JOIN generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') AS day
         CROSS JOIN LATERAL generate_series(
                (day::date + st.starts_at) AT TIME ZONE '${CLINIC_TIME_ZONE}',
                (day::date + st.ends_at) AT TIME ZONE '${CLINIC_TIME_ZONE}' - make_interval(mins => st.slot_minutes),
                make_interval(mins => st.slot_minutes)) AS t
        WHERE extract(isodow FROM day) = st.weekday
          AND t > $3
          AND ($4::uuid IS NULL OR st.id = $4)
          AND NOT EXISTS (
                SELECT 1 FROM "booking"."slots" w
                  JOIN "booking"."appointments" a ON a.slot_id = w.id AND a.status = 'booked'
                 WHERE w.doctor_id = st.doctor_id AND w.withdrawn_at IS NOT NULL
                   AND tstzrange(w.starts_at, w.ends_at) && tstzrange(t, t + make_interval(mins => st.slot_minutes)))
        ORDER BY t
       ON CONFLICT (doctor_id, starts_at) WHERE withdrawn_at IS NULL DO NOTHING
       RETURNING id`,
      [window.firstDay, window.lastDay, window.now, window.templateId ?? null],
    );
    return rows.map((row) => row.id);
  }

  /** Waits for the slot-generation lock (held until the transaction ends): staff edits queue behind a running job. */
  async generationLock(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('booking:slot-generation', 0))`);
  }

  /** What a new template refers to, in one round trip: which rows exist and whether the doctor offers the service. */
  async catalogFacts(
    tx: EntityManager,
    ids: { doctorId: string; serviceId: string; facilityId: string | null },
  ): Promise<CatalogFacts> {
    const [row] = (await tx.query(
      `SELECT EXISTS (SELECT 1 FROM "booking"."doctors" WHERE id = $1) AS doctor,
              (SELECT channels FROM "booking"."services" WHERE id = $2) AS channels,
              ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM "booking"."facilities" WHERE id = $3)) AS facility,
              EXISTS (SELECT 1 FROM "booking"."doctor_services" WHERE doctor_id = $1 AND service_id = $2) AS offered`,
      [ids.doctorId, ids.serviceId, ids.facilityId],
    )) as Array<{ doctor: boolean; channels: Channel[] | null; facility: boolean; offered: boolean }>;
    return {
      doctorExists: row?.doctor ?? false,
      serviceChannels: row?.channels ?? null,
      facilityExists: row?.facility ?? false,
      offered: row?.offered ?? false,
    };
  }

  /**
   * Inserts a template; 'overlap' when the doctor already works then on that
   * weekday (EXC_schedule_templates_doctor_id_overlap). An overlap leaves `tx`
   * unusable, which the caller turns into an error anyway.
   */
  async insertTemplate(tx: EntityManager, template: NewScheduleTemplate): Promise<{ id: string } | 'overlap'> {
    try {
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO "booking"."schedule_templates"
           (doctor_id, service_id, facility_id, channel, weekday, starts_at, ends_at, slot_minutes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id`,
        [
          template.doctorId,
          template.serviceId,
          template.facilityId,
          template.channel,
          template.weekday,
          template.startsAt,
          template.endsAt,
          template.slotMinutes,
        ],
      );
      return { id: rows[0]!.id };
    } catch (error) {
      if (isExclusionViolation(error)) return 'overlap';
      throw error;
    }
  }

  /**
   * A doctor's templates with service and facility names, Monday first, then
   * by start, each with its future slots counted as removeFutureFreeSlots
   * would treat them now: free (removed) and booked (kept).
   */
  listTemplates(doctorId: string, now: Date): Promise<ScheduleTemplateListRow[]> {
    return this.dataSource.query(
      `SELECT v.*, counts.free_slots, counts.booked_visits
         FROM (${TEMPLATE_VIEW} WHERE st.doctor_id = $1) v
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE s.withdrawn_at IS NULL AND NOT booked.any)::int AS free_slots,
                  count(*) FILTER (WHERE booked.any)::int AS booked_visits
             FROM "booking"."slots" s
             CROSS JOIN LATERAL (
               SELECT EXISTS (SELECT 1 FROM "booking"."appointments" a
                               WHERE a.slot_id = s.id AND a.status = 'booked') AS any) booked
            WHERE s.schedule_template_id = v.id AND s.starts_at > $2) counts
        ORDER BY v.weekday, v.starts_at, v.id`,
      [doctorId, now],
    );
  }

  async findTemplate(tx: EntityManager, id: string): Promise<ScheduleTemplateRow | null> {
    const rows: ScheduleTemplateRow[] = await tx.query(`${TEMPLATE_VIEW} WHERE st.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the template row until the transaction ends; false when there is no such template. */
  async lockTemplate(tx: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT id FROM "booking"."schedule_templates" WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows.length > 0;
  }

  /**
   * Removes the template's future slots that nobody holds, and counts the
   * future ones kept because a visit is booked in them. A free slot with no
   * appointment at all is deleted; one that carries appointments (the
   * patients' history, kept by FK_appointments_slot_id) is withdrawn instead
   * (`withdrawn_at`): never searched, booked, moved to or offered to an alert
   * again. A withdrawn slot whose visit is booked keeps that visit (it counts
   * as kept); being withdrawn, it does not come back if the visit is later
   * cancelled, but a template covering that time makes a new slot there then
   * (see generateSlots). The others count as removed.
   *
   * Why a booked slot can never be removed, even with a booking racing this:
   * first every future slot of the template is locked FOR UPDATE. A booking
   * claims its slot with FOR KEY SHARE (AppointmentsRepository.insertBooked),
   * which conflicts: a booking already in flight makes us wait for its
   * commit, and a booking arriving later waits for ours, then finds the slot
   * deleted or withdrawn and answers SLOT_NOT_FOUND. Only then, in a new
   * statement (READ COMMITTED: a fresh snapshot that sees every committed
   * booking), one statement deletes the slots with no appointment at all and
   * withdraws the rest.
   * FK_appointments_slot_id (ON DELETE RESTRICT) is the last guard.
   */
  async removeFutureFreeSlots(
    tx: EntityManager,
    templateId: string,
    now: Date,
  ): Promise<{ removedSlots: number; keptBookedSlots: number }> {
    await tx.query(
      `SELECT id FROM "booking"."slots" WHERE schedule_template_id = $1 AND starts_at > $2 ORDER BY id FOR UPDATE`,
      [templateId, now],
    );
    const [row] = (await tx.query(
      `WITH removed AS (
         DELETE FROM "booking"."slots" s
          WHERE s.schedule_template_id = $1 AND s.starts_at > $2
            AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id)
          RETURNING s.id),
       withdrawn AS (
         UPDATE "booking"."slots" s SET withdrawn_at = $2
          WHERE s.schedule_template_id = $1 AND s.starts_at > $2 AND s.withdrawn_at IS NULL
            AND EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id)
          RETURNING EXISTS (SELECT 1 FROM "booking"."appointments" a
                             WHERE a.slot_id = s.id AND a.status = 'booked') AS booked)
       SELECT (SELECT count(*)::int FROM removed) + (SELECT count(*)::int FROM withdrawn WHERE NOT booked) AS removed,
              (SELECT count(*)::int FROM withdrawn WHERE booked) AS kept_booked`,
      [templateId, now],
    )) as Array<{ removed: number; kept_booked: number }>;
    return { removedSlots: row?.removed ?? 0, keptBookedSlots: row?.kept_booked ?? 0 };
  }

  /** Deletes the template; its remaining slots (past, booked) keep existing with the link set to null. */
  async deleteTemplate(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM "booking"."schedule_templates" WHERE id = $1`, [id]);
  }
}

export interface CatalogFacts {
  doctorExists: boolean;
  /** Null when the service does not exist. */
  serviceChannels: Channel[] | null;
  facilityExists: boolean;
  offered: boolean;
}

export interface ScheduleTemplateRow {
  id: string;
  doctor_id: string;
  service_id: string;
  service_name: string;
  facility_id: string | null;
  facility_name: string | null;
  channel: Channel;
  weekday: number;
  /** "HH:MM:SS" as PostgreSQL prints a time. */
  starts_at: string;
  ends_at: string;
  slot_minutes: number;
}

export interface ScheduleTemplateListRow extends ScheduleTemplateRow {
  free_slots: number;
  booked_visits: number;
}

const TEMPLATE_VIEW = `
  SELECT st.id, st.doctor_id, st.service_id, sv.name AS service_name, st.facility_id, f.name AS facility_name,
         st.channel, st.weekday, st.starts_at::text AS starts_at, st.ends_at::text AS ends_at, st.slot_minutes
    FROM "booking"."schedule_templates" st
    JOIN "booking"."services" sv ON sv.id = st.service_id
    LEFT JOIN "booking"."facilities" f ON f.id = st.facility_id`;
