import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rowsOf } from '../database';

export interface AccessLogEntry {
  actorId: string;
  patientId: string | null;
  action: string;
  outcome: string;
  details?: Record<string, unknown>;
  at: Date;
}

export interface AccessLogRow {
  action: string;
  outcome: string;
  actorName: string | null;
  details: Record<string, unknown> | null;
  createdAt: Date;
}

/** The audit of staff actions on patients' data (who, when, which patient, what, outcome). */
@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AccessLogEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "identity"."access_log" ("actor_id", "patient_id", "action", "outcome", "details", "created_at")
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.actorId, entry.patientId, entry.action, entry.outcome, entry.details ?? null, entry.at],
    );
  }

  /** What others did with this patient's data, newest first. */
  async aboutPatient(patientId: string, limit = 200): Promise<AccessLogRow[]> {
    const result: unknown = await this.dataSource.query(
      `SELECT l."action", l."outcome", l."details", l."created_at" AS "createdAt",
              CASE WHEN a."id" IS NULL THEN NULL ELSE a."first_name" || ' ' || a."last_name" END AS "actorName"
         FROM "identity"."access_log" l
         LEFT JOIN "identity"."accounts" a ON a."id" = l."actor_id"
        WHERE l."patient_id" = $1 AND l."actor_id" <> $1
        ORDER BY l."created_at" DESC
        LIMIT $2`,
      [patientId, limit],
    );
    return rowsOf<AccessLogRow>(result);
  }
}
