import { Injectable } from '@nestjs/common';
import type {
  AppointmentScope,
  AppointmentSource,
  AppointmentStatus,
  Channel,
  OccupationalReferralDto,
  ServiceKind,
} from '@pacjent/contracts';
import { preparedQuery } from '@pacjent/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { isExclusionViolation } from '../database-errors';
import { patientLockKey } from '../patient-lock';
import { SLOT_VIEW_COLUMNS, SLOT_VIEW_JOINS, type SlotRow } from '../slots/slots.dto';
import type { BookableSlot } from './booking-rules';
import type { AppointmentRow } from './appointments.dto';

export interface NewAppointment {
  id: string;
  slotId: string;
  startsAt: Date;
  endsAt: Date;
  referralReservationId: string | null;
  patientId: string;
  source: AppointmentSource;
  bookedBy: string;
  bookedAt: Date;
  referralId: string | null;
  occupationalReferral: { employer: string; position: string; referralNumber: string } | null;
}

export interface OwnAppointment {
  status: AppointmentStatus;
  channel: Channel;
  source: AppointmentSource;
  startsAt: Date;
  serviceId: string;
  referralId: string | null;
  referralReservationId: string | null;
  occupationalReferral: OccupationalReferralDto | null;
}

const APPOINTMENT_VIEW = `
  SELECT a.id AS appointment_id, a.status, a.source, a.booked_at, a.cancelled_at, a.replaced_by, ${SLOT_VIEW_COLUMNS}
    FROM "booking"."appointments" a
    JOIN "booking"."slots" s ON s.id = a.slot_id ${SLOT_VIEW_JOINS}`;

/** A slot as a booking reads it: its view columns and the service's booking rules. */
const BOOKABLE_SLOT = `
  SELECT ${SLOT_VIEW_COLUMNS}, sv.kind, sv.basic_allowed, sv.requires_referral
    FROM "booking"."slots" s ${SLOT_VIEW_JOINS}`;

interface BookableSlotRow extends SlotRow {
  kind: ServiceKind;
  basic_allowed: boolean;
  requires_referral: boolean;
}

/** A bookable slot with its view columns, so a new appointment's view needs no second read. */
export interface SlotForBooking extends BookableSlot {
  row: SlotRow;
}

function toSlotForBooking(row: BookableSlotRow): SlotForBooking {
  return {
    serviceId: row.service_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    channel: row.channel,
    serviceKind: row.kind,
    basicAllowed: row.basic_allowed,
    requiresReferral: row.requires_referral,
    row,
  };
}

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
    await preparedQuery(tx, `SELECT pg_advisory_xact_lock(${patientLockKey('$1')})`, [patientId]);
  }

  async findBookableSlot(tx: EntityManager, slotId: string): Promise<SlotForBooking | null> {
    const [row] = await preparedQuery<BookableSlotRow>(
      tx,
      `${BOOKABLE_SLOT} WHERE s.id = $1 AND s.withdrawn_at IS NULL`,
      [slotId],
    );
    return row ? toSlotForBooking(row) : null;
  }

  /**
   * findBookableSlot() and lockPatient() in one round trip (the first step of
   * every booking): the lock is taken whenever the slot exists.
   */
  async lockPatientAndFindSlot(tx: EntityManager, patientId: string, slotId: string): Promise<SlotForBooking | null> {
    const [row] = await preparedQuery<BookableSlotRow>(
      tx,
      `WITH patient_lock AS (SELECT pg_advisory_xact_lock(${patientLockKey('$2')}))
       ${BOOKABLE_SLOT} CROSS JOIN patient_lock WHERE s.id = $1 AND s.withdrawn_at IS NULL`,
      [slotId, patientId],
    );
    return row ? toSlotForBooking(row) : null;
  }

  async countActive(tx: EntityManager, patientId: string, now: Date): Promise<number> {
    const [row] = (await preparedQuery(
      tx,
      `SELECT count(*)::int AS active
         FROM "booking"."appointments" a JOIN "booking"."slots" s ON s.id = a.slot_id
        WHERE a.patient_id = $1 AND ${ACTIVE}`,
      [patientId, now],
    )) as Array<{ active: number }>;
    return row?.active ?? 0;
  }

  /**
   * Books the slot. The database decides the races, in this one statement:
   * 'missing' when the slot is gone or withdrawn (it is claimed FOR KEY SHARE
   * first, so a schedule removal in flight, which holds the slot FOR UPDATE,
   * is waited for and its outcome seen; the foreign key cannot fire), 'taken'
   * when the slot already has a booked appointment
   * (UQ_appointments_slot_id_booked), 'overlap' when the patient already
   * holds a visit at that time (EXC_appointments_patient_id_overlap). Only
   * 'overlap' leaves `tx` unusable, which the caller turns into an error anyway.
   */
  async insertBooked(
    tx: EntityManager,
    appointment: NewAppointment,
  ): Promise<'booked' | 'taken' | 'overlap' | 'missing'> {
    const referral = appointment.occupationalReferral;
    try {
      const [row] = (await preparedQuery(
        tx,
        `WITH slot AS (
           SELECT id FROM "booking"."slots" WHERE id = $2 AND withdrawn_at IS NULL FOR KEY SHARE),
         claimed AS (
           INSERT INTO "booking"."appointments"
             (id, slot_id, patient_id, status, source, booked_by, booked_at, starts_at, ends_at, referral_id,
              referral_reservation_id, occupational_employer, occupational_position, occupational_referral_number)
           SELECT $1::uuid, slot.id, $3::uuid, 'booked', $4::text, $5::uuid, $6::timestamptz, $7::timestamptz,
                  $8::timestamptz, $9::uuid, $10::uuid, $11::text, $12::text, $13::text
             FROM slot
           ON CONFLICT (slot_id) WHERE status = 'booked' DO NOTHING
           RETURNING id)
         SELECT EXISTS (SELECT 1 FROM slot) AS found, EXISTS (SELECT 1 FROM claimed) AS booked`,
        [
          appointment.id,
          appointment.slotId,
          appointment.patientId,
          appointment.source,
          appointment.bookedBy,
          appointment.bookedAt,
          appointment.startsAt,
          appointment.endsAt,
          appointment.referralId,
          appointment.referralReservationId,
          referral?.employer ?? null,
          referral?.position ?? null,
          referral?.referralNumber ?? null,
        ],
      )) as Array<{ found: boolean; booked: boolean }>;
      if (!row?.found) return 'missing';
      return row.booked ? 'booked' : 'taken';
    } catch (error) {
      if (isExclusionViolation(error)) return 'overlap';
      throw error;
    }
  }

  /** The patient's own appointment with what moving it needs, locked until the transaction ends. */
  async lockOwn(tx: EntityManager, patientId: string, id: string): Promise<OwnAppointment | null> {
    const rows: Array<{
      status: AppointmentStatus;
      source: AppointmentSource;
      channel: Channel;
      starts_at: Date;
      service_id: string;
      referral_id: string | null;
      referral_reservation_id: string | null;
      occupational_employer: string | null;
      occupational_position: string | null;
      occupational_referral_number: string | null;
    }> = await tx.query(
      `SELECT a.status, a.source, s.channel, a.starts_at, s.service_id, a.referral_id, a.referral_reservation_id,
              a.occupational_employer, a.occupational_position, a.occupational_referral_number
         FROM "booking"."appointments" a JOIN "booking"."slots" s ON s.id = a.slot_id
        WHERE a.id = $1 AND a.patient_id = $2
          FOR UPDATE OF a`,
      [id, patientId],
    );
    const [row] = rows;
    if (!row) return null;
    return {
      status: row.status,
      source: row.source,
      channel: row.channel,
      startsAt: row.starts_at,
      serviceId: row.service_id,
      referralId: row.referral_id,
      referralReservationId: row.referral_reservation_id,
      occupationalReferral:
        row.occupational_employer === null
          ? null
          : {
              employer: row.occupational_employer,
              position: row.occupational_position ?? '',
              referralNumber: row.occupational_referral_number ?? '',
            },
    };
  }

  async slotOf(tx: EntityManager, appointmentId: string): Promise<string> {
    const [row] = (await tx.query(`SELECT slot_id FROM "booking"."appointments" WHERE id = $1`, [
      appointmentId,
    ])) as Array<{
      slot_id: string;
    }>;
    if (!row) throw new Error(`appointment ${appointmentId} vanished`);
    return row.slot_id;
  }

  /** Ends a moved appointment: cancelled, pointing at the one that replaced it. */
  async markReplaced(tx: EntityManager, id: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE "booking"."appointments" SET status = 'cancelled', cancelled_at = $2 WHERE id = $1 AND status = 'booked'`,
      [id, now],
    );
  }

  async linkReplacement(tx: EntityManager, id: string, replacedBy: string): Promise<void> {
    await tx.query(`UPDATE "booking"."appointments" SET replaced_by = $2 WHERE id = $1`, [id, replacedBy]);
  }

  async findOwn(
    patientId: string,
    id: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<AppointmentRow | null> {
    const rows: AppointmentRow[] = await preparedQuery<AppointmentRow>(
      tx,
      `${APPOINTMENT_VIEW} WHERE a.id = $1 AND a.patient_id = $2`,
      [id, patientId],
    );
    return rows[0] ?? null;
  }

  listOwn(patientId: string, scope: AppointmentScope, now: Date): Promise<AppointmentRow[]> {
    const query =
      scope === 'upcoming'
        ? `${APPOINTMENT_VIEW} WHERE a.patient_id = $1 AND ${ACTIVE} ORDER BY s.starts_at, a.id`
        : `${APPOINTMENT_VIEW} WHERE a.patient_id = $1 AND NOT (${ACTIVE}) ORDER BY s.starts_at DESC, a.booked_at DESC, a.id`;
    return preparedQuery<AppointmentRow>(this.dataSource, query, [patientId, now]);
  }

  /**
   * Cancels in one conditional statement: only the patient's own appointment,
   * still booked, booked through the portal, whose slot has not started.
   * Returns the cancelled appointment's referral reservation (if any), or null
   * when nothing was cancelled; the slot is free again at commit.
   */
  async cancelOwn(
    tx: EntityManager,
    patientId: string,
    id: string,
    now: Date,
  ): Promise<{ slotId: string; referralId: string | null; referralReservationId: string | null } | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = (await tx.query(
      `UPDATE "booking"."appointments" a
          SET status = 'cancelled', cancelled_at = $3
         FROM "booking"."slots" s
        WHERE a.id = $1 AND a.patient_id = $2
          AND s.id = a.slot_id
          AND a.status = 'booked' AND a.source = 'portal' AND s.starts_at > $3
        RETURNING a.slot_id, a.referral_id, a.referral_reservation_id`,
      [id, patientId, now],
    )) as [Array<{ slot_id: string; referral_id: string | null; referral_reservation_id: string | null }>, number];
    const [row] = rows;
    return row
      ? { slotId: row.slot_id, referralId: row.referral_id, referralReservationId: row.referral_reservation_id }
      : null;
  }
}
