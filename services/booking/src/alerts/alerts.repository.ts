import { Injectable } from '@nestjs/common';
import { NOTIFICATIONS_PAGE_SIZE, type CreateSlotAlertDto, type NotificationKind } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { SLOT_VIEW_COLUMNS, type SlotRow } from '../slots/slots.dto';
import { CLINIC_TIME_ZONE } from '../slots/warsaw-time';
import { SlotAlertEntity } from './slot-alert.entity';
import { patientLockKey } from '../patient-lock';

export interface MatchedAlert {
  id: string;
  patientId: string;
  moveAppointmentId: string | null;
}

/** A notification with its slot's columns (null for the kinds without a slot). */
export type NotificationRow = { [K in keyof SlotRow]: SlotRow[K] | null } & {
  notification_id: string;
  kind: NotificationKind;
  alert_id: string | null;
  appointment_id: string | null;
  title: string | null;
  link: string | null;
  created_at: Date;
};

// Record notifications have no slot: SLOT_VIEW_JOINS, all LEFT JOINed.
const NOTIFICATION_VIEW = `
  SELECT n.id AS notification_id, n.kind, n.alert_id, n.appointment_id, n.title, n.link, n.created_at,
         ${SLOT_VIEW_COLUMNS}
    FROM "booking"."notifications" n
    LEFT JOIN "booking"."slots" s ON s.id = n.slot_id
    LEFT JOIN "booking"."services" sv ON sv.id = s.service_id
    LEFT JOIN "booking"."doctors" d ON d.id = s.doctor_id
    LEFT JOIN "booking"."facilities" f ON f.id = s.facility_id`;

/** Slot alerts and notifications. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  create(patientId: string, alert: CreateSlotAlertDto, until: Date, now: Date): Promise<SlotAlertEntity> {
    const repository = this.dataSource.getRepository(SlotAlertEntity);
    return repository.save(
      repository.create({
        patientId,
        serviceId: alert.serviceId,
        channel: alert.channel ?? null,
        city: alert.city?.trim() || null,
        facilityIds: alert.facilityIds ?? [],
        excludeDoctorIds: alert.excludeDoctorIds ?? [],
        hourFrom: alert.hourFrom ?? null,
        hourTo: alert.hourTo ?? null,
        until,
        moveAppointmentId: alert.moveAppointmentId ?? null,
        status: 'active',
        createdAt: now,
        fulfilledAt: null,
      }),
    );
  }

  listOwn(patientId: string): Promise<SlotAlertEntity[]> {
    return this.dataSource
      .getRepository(SlotAlertEntity)
      .find({ where: { patientId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async deleteOwn(patientId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(SlotAlertEntity).delete({ id, patientId });
    return (result.affected ?? 0) > 0;
  }

  async ownMovableAppointment(patientId: string, id: string, now: Date): Promise<{ serviceId: string } | null> {
    const rows: Array<{ service_id: string }> = await this.dataSource.query(
      `SELECT s.service_id FROM "booking"."appointments" a JOIN "booking"."slots" s ON s.id = a.slot_id
        WHERE a.id = $1 AND a.patient_id = $2 AND a.status = 'booked' AND a.source = 'portal' AND a.starts_at > $3`,
      [id, patientId, now],
    );
    return rows[0] ? { serviceId: rows[0].service_id } : null;
  }

  async serviceExists(serviceId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "booking"."services" WHERE id = $1`, [
      serviceId,
    ]);
    return rows.length > 0;
  }

  /**
   * The oldest active alert the freed slot matches, locked (SKIP LOCKED: an
   * alert another transaction is handing a slot to waits for the next one).
   * An alert that moves a visit matches only slots earlier than that visit.
   * A withdrawn slot (its schedule removed) matches no alert.
   */
  async oldestMatching(
    tx: EntityManager,
    slotId: string,
    now: Date,
    exceptPatientId: string,
  ): Promise<MatchedAlert | null> {
    const localHour = `extract(hour FROM s.starts_at AT TIME ZONE '${CLINIC_TIME_ZONE}')`;
    const rows: Array<{ id: string; patient_id: string; move_appointment_id: string | null }> = await tx.query(
      `SELECT al.id, al.patient_id, al.move_appointment_id
         FROM "booking"."slot_alerts" al
         JOIN "booking"."slots" s ON s.id = $1 AND s.withdrawn_at IS NULL
         LEFT JOIN "booking"."facilities" f ON f.id = s.facility_id
        WHERE al.status = 'active' AND al.service_id = s.service_id
          AND s.starts_at > $2 AND s.starts_at < al.until
          AND al.patient_id <> $3
          AND (al.channel IS NULL OR al.channel = s.channel)
          AND (al.city IS NULL OR s.facility_id IS NULL OR lower(f.city) = lower(al.city))
          AND (cardinality(al.facility_ids) = 0 OR s.facility_id = ANY (al.facility_ids))
          AND NOT (s.doctor_id = ANY (al.exclude_doctor_ids))
          AND (al.hour_from IS NULL OR ${localHour} >= al.hour_from)
          AND (al.hour_to IS NULL OR ${localHour} < al.hour_to)
          AND (al.move_appointment_id IS NULL OR EXISTS (
                SELECT 1 FROM "booking"."appointments" a
                 WHERE a.id = al.move_appointment_id AND a.status = 'booked' AND a.starts_at > s.starts_at))
        ORDER BY al.created_at, al.id
        LIMIT 1
        FOR UPDATE OF al SKIP LOCKED`,
      [slotId, now, exceptPatientId],
    );
    const [row] = rows;
    return row ? { id: row.id, patientId: row.patient_id, moveAppointmentId: row.move_appointment_id } : null;
  }

  /** Another patient's lock (see AppointmentsRepository.lockPatient), only if free now: never wait inside a cascade. */
  async tryLockPatient(tx: EntityManager, patientId: string): Promise<boolean> {
    const [row] = (await tx.query(`SELECT pg_try_advisory_xact_lock(${patientLockKey('$1')}) AS locked`, [
      patientId,
    ])) as Array<{ locked: boolean }>;
    return row?.locked ?? false;
  }

  async hasActive(tx: EntityManager): Promise<boolean> {
    const [row] = (await tx.query(
      `SELECT EXISTS (SELECT 1 FROM "booking"."slot_alerts" WHERE status = 'active') AS any`,
    )) as Array<{ any: boolean }>;
    return row?.any ?? false;
  }

  async fulfil(tx: EntityManager, alertId: string, now: Date): Promise<void> {
    await tx.query(`UPDATE "booking"."slot_alerts" SET status = 'fulfilled', fulfilled_at = $2 WHERE id = $1`, [
      alertId,
      now,
    ]);
  }

  async addNotification(
    tx: EntityManager,
    notification: {
      patientId: string;
      kind: NotificationKind;
      alertId: string;
      slotId: string;
      appointmentId: string | null;
    },
    now: Date,
  ): Promise<NotificationRow> {
    const [{ id }] = (await tx.query(
      `INSERT INTO "booking"."notifications" (patient_id, kind, alert_id, slot_id, appointment_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        notification.patientId,
        notification.kind,
        notification.alertId,
        notification.slotId,
        notification.appointmentId,
        now,
      ],
    )) as [{ id: string }];
    const rows: NotificationRow[] = await tx.query(`${NOTIFICATION_VIEW} WHERE n.id = $1`, [id]);
    return rows[0]!;
  }

  /**
   * A notification made from another service's event `eventId`, unless one
   * was made from it already (then null: a redelivered event adds nothing).
   */
  async addRecordNotification(
    tx: EntityManager,
    notification: {
      eventId: string;
      patientId: string;
      kind: NotificationKind;
      title: string;
      link: string;
      appointmentId: string | null;
    },
    now: Date,
  ): Promise<NotificationRow | null> {
    const inserted: Array<{ id: string }> = await tx.query(
      `INSERT INTO "booking"."notifications" (patient_id, kind, title, link, appointment_id, event_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT "UQ_notifications_event_id" DO NOTHING
       RETURNING id`,
      [
        notification.patientId,
        notification.kind,
        notification.title,
        notification.link,
        notification.appointmentId,
        notification.eventId,
        now,
      ],
    );
    if (inserted.length === 0) return null;
    const rows: NotificationRow[] = await tx.query(`${NOTIFICATION_VIEW} WHERE n.id = $1`, [inserted[0]!.id]);
    return rows[0]!;
  }

  listNotifications(patientId: string): Promise<NotificationRow[]> {
    return this.dataSource.query(
      `${NOTIFICATION_VIEW} WHERE n.patient_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2`,
      [patientId, NOTIFICATIONS_PAGE_SIZE],
    );
  }

  /**
   * The patient's notifications created after their notification `afterId`
   * (by creation time, then id), oldest first, one page at most: asking again
   * after the last one listed gives the next page. When `afterId` is not one
   * of theirs the comparison is with NULL, so nothing is listed.
   */
  listNotificationsAfter(patientId: string, afterId: string): Promise<NotificationRow[]> {
    return this.dataSource.query(
      `${NOTIFICATION_VIEW}
        WHERE n.patient_id = $1
          AND (n.created_at, n.id) > (
                SELECT seen.created_at, seen.id FROM "booking"."notifications" seen
                 WHERE seen.id = $2 AND seen.patient_id = $1)
        ORDER BY n.created_at, n.id
        LIMIT $3`,
      [patientId, afterId, NOTIFICATIONS_PAGE_SIZE],
    );
  }
}
