import { Injectable } from '@nestjs/common';
import type { RenewalRequestView, RenewalStatus } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { MEDICINE_JSON } from '../catalog/medicine.mapper';
import { isoUtc } from '../prescriptions/prescriptions.repository';

const REQUEST_VIEW_SQL = `
  SELECT json_build_object(
    'id', r.id, 'patientId', r.patient_id, 'doctorId', r.doctor_id, 'status', r.status, 'note', r.note,
    'createdAt', ${isoUtc('r.created_at')}, 'decidedAt', ${isoUtc('r.decided_at')},
    'declineReason', r.decline_reason,
    'prescriptionId', (SELECT p.id FROM "prescriptions"."prescriptions" p WHERE p.renewal_request_id = r.id),
    'medicines', (SELECT json_agg(${MEDICINE_JSON} ORDER BY m.name, m.strength)
                    FROM "prescriptions"."renewal_request_items" i
                    JOIN "prescriptions"."medicines" m ON m.id = i.medicine_id
                   WHERE i.request_id = r.id)) AS view
    FROM "prescriptions"."renewal_requests" r`;

/**
 * Who may act on a request: the doctor it is addressed to ($2), or, in the
 * pool, any doctor when it names no specialty, else a doctor sharing one of
 * them (their specialties: parameter `specialties`).
 */
const addressedTo = (specialties: number) =>
  `(r.doctor_id = $2 OR (r.doctor_id IS NULL AND (cardinality(r.pool_specialties) = 0 OR r.pool_specialties && $${specialties}::text[])))`;

/** A doctor acting on renewals: their account id and specialties (booking's). */
export interface DoctorScope {
  id: string;
  specialties: string[];
}

@Injectable()
export class RenewalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes a pending request and its medicines; a medicine already pending for the patient fails with 23505. */
  async insert(
    tx: EntityManager,
    request: {
      patientId: string;
      doctorId: string | null;
      poolSpecialties: string[];
      note: string | null;
      createdAt: Date;
      medicineIds: string[];
    },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO "prescriptions"."renewal_requests" (patient_id, doctor_id, pool_specialties, note, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [request.patientId, request.doctorId, request.poolSpecialties, request.note, request.createdAt],
    );
    await tx.query(
      `INSERT INTO "prescriptions"."renewal_request_items" (request_id, medicine_id, patient_id)
       SELECT $1, medicine_id, $2 FROM unnest($3::uuid[]) AS medicine_id`,
      [row!.id, request.patientId, request.medicineIds],
    );
    return row!.id;
  }

  /**
   * Counts one more request on the patient's Warsaw day, if that stays within
   * `limit`: a single conditional upsert, so concurrent requests queue on the
   * counter row and each sees the count the previous one left. False = over.
   */
  async countToday(tx: EntityManager, patientId: string, now: Date, limit: number): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "prescriptions"."renewal_daily_counts" AS c (patient_id, day, count)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'Europe/Warsaw')::date, 1)
       ON CONFLICT (patient_id, day) DO UPDATE SET count = c.count + 1 WHERE c.count < $3
       RETURNING c.count`,
      [patientId, now, limit],
    );
    return rows.length > 0;
  }

  async view(id: string, manager: EntityManager = this.dataSource.manager): Promise<RenewalRequestView> {
    const [row]: Array<{ view: RenewalRequestView }> = await manager.query(`${REQUEST_VIEW_SQL} WHERE r.id = $1`, [id]);
    return row!.view;
  }

  async listForPatient(patientId: string): Promise<RenewalRequestView[]> {
    const rows: Array<{ view: RenewalRequestView }> = await this.dataSource.query(
      `${REQUEST_VIEW_SQL} WHERE r.patient_id = $1 ORDER BY r.created_at DESC, r.id`,
      [patientId],
    );
    return rows.map((row) => row.view);
  }

  /**
   * A doctor's queue: requests addressed to them or to the pool, oldest
   * first; decided ones only where this doctor decided them.
   */
  async listForDoctor(doctor: DoctorScope, status: RenewalStatus, limit = 100): Promise<RenewalRequestView[]> {
    const rows: Array<{ view: RenewalRequestView }> = await this.dataSource.query(
      `${REQUEST_VIEW_SQL}
        WHERE r.status = $1 AND ${addressedTo(4)} AND (r.status = 'pending' OR r.decided_by = $2)
        ORDER BY r.created_at, r.id LIMIT $3`,
      [status, doctor.id, limit, doctor.specialties],
    );
    return rows.map((row) => row.view);
  }

  /** The request if this doctor may act on it (addressed to them or to the pool). */
  async findForDoctor(
    id: string,
    doctor: DoctorScope,
  ): Promise<{ id: string; patientId: string; status: RenewalStatus; medicineIds: string[] } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT r.id, r.patient_id AS "patientId", r.status,
              (SELECT array_agg(i.medicine_id) FROM "prescriptions"."renewal_request_items" i
                WHERE i.request_id = r.id) AS "medicineIds"
         FROM "prescriptions"."renewal_requests" r WHERE r.id = $1 AND ${addressedTo(3)}`,
      [id, doctor.id, doctor.specialties],
    );
    return row;
  }

  /**
   * Decides a pending request: one conditional UPDATE, so of any number of
   * concurrent decisions exactly one finds it pending (the others wait for its
   * row lock, then see it decided). False = it was already decided. Its
   * medicines stop being pending in the same transaction.
   */
  async decide(
    tx: EntityManager,
    decision: { id: string; doctor: DoctorScope; status: 'approved' | 'declined'; reason: string | null; at: Date },
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `UPDATE "prescriptions"."renewal_requests" r
          SET status = $3, decided_at = $4, decided_by = $2, decline_reason = $5
        WHERE r.id = $1 AND ${addressedTo(6)} AND r.status = 'pending'
        RETURNING r.id`,
      [decision.id, decision.doctor.id, decision.status, decision.at, decision.reason, decision.doctor.specialties],
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, count].
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    if (updated.length === 0) return false;
    await tx.query(`UPDATE "prescriptions"."renewal_request_items" SET pending = false WHERE request_id = $1`, [
      decision.id,
    ]);
    return true;
  }
}
