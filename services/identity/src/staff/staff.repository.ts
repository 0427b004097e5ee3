import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactRequestDto, ContactRequestStatus } from '@pacjent/contracts';
import type { DataSource } from 'typeorm';
import { rowsOf } from '../database';

export interface PatientRow {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  pesel: string | null;
  phone: string | null;
  level: 'basic' | 'full';
  verifiedAt: Date | null;
  verificationMethod: string | null;
  /** The registration's name, when a bank confirmation replaced it (ADR 0015). */
  registeredFirstName: string | null;
  registeredLastName: string | null;
}

export interface ContactRequestRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  pesel: string | null;
  message: string;
  status: ContactRequestStatus;
  reason: string | null;
  patientId: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

const PATIENT_COLUMNS = `a."id", a."email", a."first_name" AS "firstName", a."last_name" AS "lastName", a."pesel",
  a."phone", a."level", a."verified_at" AS "verifiedAt", a."verification_method" AS "verificationMethod",
  v."registered_first_name" AS "registeredFirstName", v."registered_last_name" AS "registeredLastName"`;
/** Accounts with what their confirmation kept: the registered name it replaced. */
const PATIENTS = `"identity"."accounts" a LEFT JOIN "identity"."verified_identities" v ON v."account_id" = a."id"`;

const REQUEST_COLUMNS = `r."id", r."name", r."email", r."phone", r."pesel", r."message", r."status", r."reason",
  r."created_at" AS "createdAt", r."resolved_at" AS "resolvedAt",
  (SELECT a."id" FROM "identity"."accounts" a WHERE a."email" = lower(btrim(r."email"))) AS "patientId"`;

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Patients (not staff or doctors) by exact PESEL, email prefix, or any part of the name. */
  async searchPatients(query: string, limit = 20): Promise<PatientRow[]> {
    const text = query.trim();
    let where: string;
    let parameter: string;
    if (/^\d{11}$/.test(text)) {
      where = `a."pesel" = $1`;
      parameter = text;
    } else {
      // An email from its start, or any part of the name in either order: the current one or the registered one.
      where = `a."email" LIKE lower($1) || '%' OR (a."first_name" || ' ' || a."last_name") ILIKE '%' || $1 || '%'
        OR (a."last_name" || ' ' || a."first_name") ILIKE '%' || $1 || '%'
        OR (v."registered_first_name" || ' ' || v."registered_last_name") ILIKE '%' || $1 || '%'
        OR (v."registered_last_name" || ' ' || v."registered_first_name") ILIKE '%' || $1 || '%'`;
      parameter = likeLiteral(text);
    }
    const result: unknown = await this.dataSource.query(
      `SELECT ${PATIENT_COLUMNS} FROM ${PATIENTS}
        WHERE 'patient' = ANY(a."roles") AND (${where})
        ORDER BY a."last_name", a."first_name", a."email"
        LIMIT $2`,
      [parameter, limit],
    );
    return rowsOf<PatientRow>(result);
  }

  async findPatient(id: string): Promise<PatientRow | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${PATIENT_COLUMNS} FROM ${PATIENTS} WHERE a."id" = $1 AND 'patient' = ANY(a."roles")`,
      [id],
    );
    return rowsOf<PatientRow>(result)[0] ?? null;
  }

  async findPatientByEmail(email: string): Promise<PatientRow | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${PATIENT_COLUMNS} FROM ${PATIENTS} WHERE a."email" = lower(btrim($1)) AND 'patient' = ANY(a."roles")`,
      [email],
    );
    return rowsOf<PatientRow>(result)[0] ?? null;
  }

  async createContactRequest(request: ContactRequestDto, now: Date): Promise<string> {
    const result: unknown = await this.dataSource.query(
      `INSERT INTO "identity"."contact_requests" ("name", "email", "phone", "pesel", "message", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING "id"`,
      [request.name.trim(), request.email.trim(), request.phone, request.pesel ?? null, request.message.trim(), now],
    );
    return rowsOf<{ id: string }>(result)[0]!.id;
  }

  /** The queue: open requests oldest first; resolved ones newest first. */
  async listContactRequests(status: ContactRequestStatus): Promise<ContactRequestRow[]> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS} FROM "identity"."contact_requests" r WHERE r."status" = $1
        ORDER BY CASE WHEN $1 = 'open' THEN r."created_at" END ASC, r."resolved_at" DESC NULLS LAST
        LIMIT 200`,
      [status],
    );
    return rowsOf<ContactRequestRow>(result);
  }

  async findContactRequest(id: string): Promise<ContactRequestRow | null> {
    const result: unknown = await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS} FROM "identity"."contact_requests" r WHERE r."id" = $1`,
      [id],
    );
    return rowsOf<ContactRequestRow>(result)[0] ?? null;
  }

  /** Closes an open request, in one statement: of two staff resolving it at once, one wins. */
  async resolveContactRequest(
    id: string,
    status: Exclude<ContactRequestStatus, 'open'>,
    reason: string | null,
    staffId: string,
    now: Date,
  ): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE "identity"."contact_requests"
          SET "status" = $2, "reason" = $3, "resolved_by" = $4, "resolved_at" = $5
        WHERE "id" = $1 AND "status" = 'open' RETURNING "id"`,
      [id, status, reason, staffId, now],
    );
    return rowsOf(result).length > 0;
  }
}
