import { Injectable } from '@nestjs/common';
import {
  MEDICINES_HISTORY_DAYS,
  type PatientMedicineView,
  type PrescriptionView,
  type RefundLevel,
} from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { MEDICINE_JSON } from '../catalog/medicine.mapper';
import type { Validity } from './validity';

export interface NewPrescriptionItem {
  medicineId: string;
  dosage: string;
  quantity: number;
  refundLevel: RefundLevel;
  noSubstitution: boolean;
  supplyDays: number | null;
}

export interface NewPrescription extends Validity {
  patientId: string;
  doctorId: string;
  appointmentId: string | null;
  renewalRequestId: string | null;
  accessCode: string;
  key: string;
  issuedAt: Date;
  items: NewPrescriptionItem[];
  /** Its line in the outcome form of the visit that issued it. */
  visitLine?: number;
  /** The doctor's Idempotency-Key and the hash of the request that carried it. */
  idempotencyKey?: string;
  requestHash?: string;
}

/** The unique constraints that make issuing repeat-safe: a repeat finds its row taken and inserts nothing. */
export type RepeatGuard = 'UQ_prescriptions_appointment_id_visit_line' | 'UQ_prescriptions_doctor_id_idempotency_key';

/** The last prescribed item of one medicine for a patient: what a renewal repeats. */
export interface LastPrescribedItem {
  medicineId: string;
  doctorId: string;
  dosage: string;
  quantity: number;
  refundLevel: RefundLevel;
  noSubstitution: boolean;
  supplyDays: number | null;
  antibiotic: boolean;
  controlled: boolean;
}

/** A timestamptz as JSON: ISO 8601 in UTC, whatever the session's time zone. */
export const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Status on `$today`: dispensed, expired after its last day, else active. */
const STATUS_SQL = `CASE WHEN p.dispensed_at IS NOT NULL THEN 'dispensed'
                         WHEN p.valid_until < $today::date THEN 'expired'
                         ELSE 'active' END`;

const PRESCRIPTION_VIEW_SQL = `
  SELECT json_build_object(
    'id', p.id, 'patientId', p.patient_id, 'doctorId', p.doctor_id, 'appointmentId', p.appointment_id,
    'visitLine', p.visit_line,
    'renewalRequestId', p.renewal_request_id, 'accessCode', p.access_code, 'key', p.key,
    'issuedAt', ${isoUtc('p.issued_at')}, 'validFrom', p.valid_from, 'validUntil', p.valid_until, 'validDays', p.valid_days,
    'status', ${STATUS_SQL},
    'items', (SELECT json_agg(json_build_object('medicine', ${MEDICINE_JSON}, 'dosage', i.dosage,
                     'quantity', i.quantity, 'refundLevel', i.refund_level, 'noSubstitution', i.no_substitution,
                     'supplyDays', i.supply_days) ORDER BY i.position)
                FROM "prescriptions"."prescription_items" i
                JOIN "prescriptions"."medicines" m ON m.id = i.medicine_id
               WHERE i.prescription_id = p.id)) AS view
    FROM "prescriptions"."prescriptions" p`;

/** `$today` and the other placeholders numbered as PostgreSQL wants them. */
const numbered = (sql: string, names: string[]) =>
  names.reduce((text, name, index) => text.replaceAll(`$${name}`, `$${index + 1}`), sql);

@Injectable()
export class PrescriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes a prescription and its items (inside the caller's transaction); answers its id. */
  async insert(tx: EntityManager, prescription: NewPrescription): Promise<string> {
    return (await this.write(tx, prescription, ''))!;
  }

  /**
   * Writes a prescription and its items unless `guard` already holds a row
   * with the same values (a repeat): then writes nothing and answers null.
   * Concurrent repeats wait on the first one's row and then find it taken.
   */
  insertOnce(tx: EntityManager, prescription: NewPrescription, guard: RepeatGuard): Promise<string | null> {
    return this.write(tx, prescription, `ON CONFLICT ON CONSTRAINT "${guard}" DO NOTHING`);
  }

  private async write(tx: EntityManager, prescription: NewPrescription, onConflict: string): Promise<string | null> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO "prescriptions"."prescriptions"
         (patient_id, doctor_id, appointment_id, renewal_request_id, access_code, key, issued_at, valid_from,
          valid_days, valid_until, visit_line, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ${onConflict} RETURNING id`,
      [
        prescription.patientId,
        prescription.doctorId,
        prescription.appointmentId,
        prescription.renewalRequestId,
        prescription.accessCode,
        prescription.key,
        prescription.issuedAt,
        prescription.validFrom,
        prescription.validDays,
        prescription.validUntil,
        prescription.visitLine ?? null,
        prescription.idempotencyKey ?? null,
        prescription.requestHash ?? null,
      ],
    );
    if (!row) return null;
    const id = row.id;
    await tx.query(
      `INSERT INTO "prescriptions"."prescription_items"
         (prescription_id, position, medicine_id, dosage, quantity, refund_level, no_substitution, supply_days)
       SELECT $1, i.position, i."medicineId", i.dosage, i.quantity, i."refundLevel", i."noSubstitution", i."supplyDays"
         FROM jsonb_to_recordset($2::jsonb) AS i(position smallint, "medicineId" uuid, dosage text, quantity integer,
              "refundLevel" text, "noSubstitution" boolean, "supplyDays" integer)`,
      [id, JSON.stringify(prescription.items.map((item, index) => ({ ...item, position: index + 1 })))],
    );
    return id;
  }

  async view(id: string, today: string, manager: EntityManager = this.dataSource.manager): Promise<PrescriptionView> {
    const [row]: Array<{ view: PrescriptionView }> = await manager.query(
      numbered(`${PRESCRIPTION_VIEW_SQL} WHERE p.id = $id`, ['today', 'id']),
      [today, id],
    );
    return row!.view;
  }

  /** What an earlier request with this doctor's Idempotency-Key issued: its id and the request's hash. */
  async findByIdempotencyKey(
    doctorId: string,
    idempotencyKey: string,
  ): Promise<{ id: string; requestHash: string } | undefined> {
    const [row]: Array<{ id: string; requestHash: string }> = await this.dataSource.query(
      `SELECT id, request_hash AS "requestHash" FROM "prescriptions"."prescriptions"
        WHERE doctor_id = $1 AND idempotency_key = $2`,
      [doctorId, idempotencyKey],
    );
    return row;
  }

  /** The patient's own prescription, or undefined (someone else's looks the same as a missing one). */
  async findForPatient(patientId: string, id: string, today: string): Promise<PrescriptionView | undefined> {
    const [row]: Array<{ view: PrescriptionView }> = await this.dataSource.query(
      numbered(`${PRESCRIPTION_VIEW_SQL} WHERE p.id = $id AND p.patient_id = $patient`, ['today', 'id', 'patient']),
      [today, id, patientId],
    );
    return row?.view;
  }

  /** The patient's prescriptions, newest first. */
  async listForPatient(patientId: string, today: string): Promise<PrescriptionView[]> {
    const rows: Array<{ view: PrescriptionView }> = await this.dataSource.query(
      numbered(`${PRESCRIPTION_VIEW_SQL} WHERE p.patient_id = $patient ORDER BY p.issued_at DESC, p.id`, [
        'today',
        'patient',
      ]),
      [today, patientId],
    );
    return rows.map((row) => row.view);
  }

  /**
   * "Moje leki": each product prescribed to the patient since `since`, with
   * its last prescription; current treatment (an active prescription) first,
   * then the most recently prescribed.
   */
  async patientMedicines(patientId: string, since: Date, today: string): Promise<PatientMedicineView[]> {
    const rows: Array<{ view: Omit<PatientMedicineView, 'renewable'> }> = await this.dataSource.query(
      numbered(
        `WITH last AS (
           SELECT DISTINCT ON (i.medicine_id) i.medicine_id, i.dosage, p.id AS prescription_id, p.issued_at,
                  ${STATUS_SQL} AS status
             FROM "prescriptions"."prescription_items" i
             JOIN "prescriptions"."prescriptions" p ON p.id = i.prescription_id
            WHERE p.patient_id = $patient AND p.issued_at >= $since
            ORDER BY i.medicine_id, p.issued_at DESC, p.id DESC)
         SELECT json_build_object('medicine', ${MEDICINE_JSON}, 'lastDosage', last.dosage,
                  'lastPrescribedAt', ${isoUtc('last.issued_at')}, 'lastPrescriptionId', last.prescription_id,
                  'status', last.status,
                  'renewalPending', EXISTS (SELECT 1 FROM "prescriptions"."renewal_request_items" r
                                             WHERE r.patient_id = $patient AND r.medicine_id = m.id AND r.pending)) AS view
           FROM last JOIN "prescriptions"."medicines" m ON m.id = last.medicine_id
          ORDER BY last.status = 'active' DESC, last.issued_at DESC, m.name`,
        ['today', 'patient', 'since'],
      ),
      [today, patientId, since],
    );
    return rows.map(({ view }) => ({ ...view, renewable: !view.medicine.controlled && !view.renewalPending }));
  }

  /** For each medicine, its last prescribed item for the patient in the history window (absent when none). */
  async lastPrescribed(
    patientId: string,
    medicineIds: string[],
    since: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LastPrescribedItem[]> {
    return manager.query(
      `SELECT DISTINCT ON (i.medicine_id) i.medicine_id AS "medicineId", p.doctor_id AS "doctorId", i.dosage,
              i.quantity, i.refund_level AS "refundLevel", i.no_substitution AS "noSubstitution",
              i.supply_days AS "supplyDays", m.antibiotic, m.controlled
         FROM "prescriptions"."prescription_items" i
         JOIN "prescriptions"."prescriptions" p ON p.id = i.prescription_id
         JOIN "prescriptions"."medicines" m ON m.id = i.medicine_id
        WHERE p.patient_id = $1 AND i.medicine_id = ANY($2::uuid[]) AND p.issued_at >= $3
        ORDER BY i.medicine_id, p.issued_at DESC, p.id DESC`,
      [patientId, medicineIds, since],
    );
  }

  /** Whether the patient asked this doctor for a renewal in the history window (a relation, like a visit). */
  async hasRenewalRelation(doctorId: string, patientId: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM "prescriptions"."renewal_requests"
        WHERE doctor_id = $1 AND patient_id = $2 AND created_at >= $3 LIMIT 1`,
      [doctorId, patientId, since],
    );
    return rows.length > 0;
  }
}

export const historySince = (now: Date): Date => new Date(now.getTime() - MEDICINES_HISTORY_DAYS * 24 * 3600 * 1000);
