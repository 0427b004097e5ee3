import { Injectable } from '@nestjs/common';
import type { AppointmentScope, AppointmentSource, Channel, ServiceKind } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { SLOT_VIEW_COLUMNS, SLOT_VIEW_JOINS } from '../slots/slots.dto';
import type { BookableSlot } from './booking-rules';
import type { AppointmentRow } from './appointments.dto';

export interface NewAppointment {
  slotId: string;
  patientId: string;
  source: AppointmentSource;
  bookedBy: string;
  bookedAt: Date;
  referralId: string | null;
  occupationalReferral: { employer: string; position: string; referralNumber: string } | null;
}

const APPOINTMENT_VIEW = `
  SELECT a.id AS appointment_id, a.status, a.source, a.booked_at, a.cancelled_at, ${SLOT_VIEW_COLUMNS}
    FROM "booking"."appointments" a
    JOIN "booking"."slots" s ON s.id = a.slot_id ${SLOT_VIEW_JOINS}`;

/** Active = booked and not yet over; everything else is history. */
const ACTIVE = `a.status = 'booked' AND s.ends_at > $2`;

/** Appointments. Writes that must be atomic run inside `transaction`, taking its manager. */
@Injectable()
export class AppointmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Serialises this patient's bookings until the transaction ends, so rules
   * that count the patient's appointments (the basic-account limit) cannot be
   * outrun by parallel requests.
   */
  async lockPatient(tx: EntityManager, patientId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('booking:patient:' || $1, 0))`, [patientId]);
  }

  async findBookableSlot(tx: EntityManager, slotId: string): Promise<BookableSlot | null> {
    const rows: Array<{
      starts_at: Date;
      channel: Channel;
      kind: ServiceKind;
      basic_allowed: boolean;
      requires_referral: boolean;
    }> = await tx.query(
      `SELECT s.starts_at, s.channel, sv.kind, sv.basic_allowed, sv.requires_referral
         FROM "booking"."slots" s JOIN "booking"."services" sv ON sv.id = s.service_id
        WHERE s.id = $1`,
      [slotId],
    );
    const [row] = rows;
    if (!row) return null;
    return {
      startsAt: row.starts_at,
      channel: row.channel,
      serviceKind: row.kind,
      basicAllowed: row.basic_allowed,
      requiresReferral: row.requires_referral,
    };
  }

  async countActive(tx: EntityManager, patientId: string, now: Date): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS active
         FROM "booking"."appointments" a JOIN "booking"."slots" s ON s.id = a.slot_id
        WHERE a.patient_id = $1 AND ${ACTIVE}`,
      [patientId, now],
    )) as Array<{ active: number }>;
    return row?.active ?? 0;
  }

  /** Books the slot, or returns null when it already has a booked appointment (UQ_appointments_slot_id_booked). */
  async insertBooked(tx: EntityManager, appointment: NewAppointment): Promise<string | null> {
    const referral = appointment.occupationalReferral;
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO "booking"."appointments"
         (slot_id, patient_id, status, source, booked_by, booked_at, referral_id,
          occupational_employer, occupational_position, occupational_referral_number)
       VALUES ($1, $2, 'booked', $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (slot_id) WHERE status = 'booked' DO NOTHING
       RETURNING id`,
      [
        appointment.slotId,
        appointment.patientId,
        appointment.source,
        appointment.bookedBy,
        appointment.bookedAt,
        appointment.referralId,
        referral?.employer ?? null,
        referral?.position ?? null,
        referral?.referralNumber ?? null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async findOwn(
    patientId: string,
    id: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<AppointmentRow | null> {
    const rows: AppointmentRow[] = await tx.query(`${APPOINTMENT_VIEW} WHERE a.id = $1 AND a.patient_id = $2`, [
      id,
      patientId,
    ]);
    return rows[0] ?? null;
  }

  listOwn(patientId: string, scope: AppointmentScope, now: Date): Promise<AppointmentRow[]> {
    const query =
      scope === 'upcoming'
        ? `${APPOINTMENT_VIEW} WHERE a.patient_id = $1 AND ${ACTIVE} ORDER BY s.starts_at, a.id`
        : `${APPOINTMENT_VIEW} WHERE a.patient_id = $1 AND NOT (${ACTIVE}) ORDER BY s.starts_at DESC, a.booked_at DESC, a.id`;
    return this.dataSource.query(query, [patientId, now]);
  }

  /**
   * Cancels in one conditional statement: only the patient's own appointment,
   * still booked, booked through the portal, whose slot has not started.
   * Returns whether it was cancelled; the slot is free again at commit.
   */
  async cancelOwn(tx: EntityManager, patientId: string, id: string, now: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = (await tx.query(
      `UPDATE "booking"."appointments" a
          SET status = 'cancelled', cancelled_at = $3
         FROM "booking"."slots" s
        WHERE a.id = $1 AND a.patient_id = $2
          AND s.id = a.slot_id
          AND a.status = 'booked' AND a.source = 'portal' AND s.starts_at > $3`,
      [id, patientId, now],
    )) as [unknown[], number];
    return affected > 0;
  }
}
