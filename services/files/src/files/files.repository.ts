import { Injectable } from '@nestjs/common';
import { FILE_RETENTION_MONTHS, MAX_FILES_PER_PATIENT, type FileContentType } from '@pacjent/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface FileRow {
  id: string;
  /** Only where the query asks for them (the patient's list). */
  appointment_ids?: string[];
  object_key: string;
  name: string;
  content_type: FileContentType;
  size_bytes: number;
  description: string;
  uploaded_at: Date;
  expires_at: Date;
}

export interface StoredFileDetails {
  name: string;
  contentType: FileContentType;
  size: number;
  description: string;
}

const FILE_COLUMNS = 'id, object_key, name, content_type, size_bytes, description, uploaded_at, expires_at';

/** The files table. Every query names the patient, so one patient can never reach another's rows. */
@Injectable()
export class FilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Reserves a place in the patient's quota in one locked step: under a
   * per-patient advisory lock, a pending row is inserted only while fewer than
   * the limit of stored files and live (not yet stale) reservations exist.
   * Returns the new upload's id, or null when the quota is full.
   */
  async reserve(patientId: string, objectKey: string, now: Date, staleBefore: Date): Promise<string | null> {
    return this.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('files:patient:' || $1, 0))`, [patientId]);
      const rows: Array<{ id: string }> = await tx.query(
        `INSERT INTO "files"."files" (patient_id, object_key, status, created_at)
         SELECT $1, $2, 'pending', $3
          WHERE (SELECT count(*) FROM "files"."files"
                  WHERE patient_id = $1 AND (status = 'stored' OR created_at > $4)) < $5
         RETURNING id`,
        [patientId, objectKey, now, staleBefore, MAX_FILES_PER_PATIENT],
      );
      return rows[0]?.id ?? null;
    });
  }

  /** Turns the patient's pending upload into a stored file; null when there is no such pending upload. */
  async complete(patientId: string, uploadId: string, details: StoredFileDetails, now: Date): Promise<FileRow | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE "files"."files"
          SET status = 'stored', name = $3, content_type = $4, size_bytes = $5, description = $6,
              uploaded_at = $7, expires_at = $7::timestamptz + make_interval(months => $8)
        WHERE id = $1 AND patient_id = $2 AND status = 'pending'
        RETURNING ${FILE_COLUMNS}`,
      [
        uploadId,
        patientId,
        details.name,
        details.contentType,
        details.size,
        details.description,
        now,
        FILE_RETENTION_MONTHS,
      ],
    )) as [FileRow[], number];
    return rows[0] ?? null;
  }

  /** Removes the patient's pending upload; returns its object key (null when there was none). */
  async removePending(patientId: string, uploadId: string): Promise<string | null> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM "files"."files" WHERE id = $1 AND patient_id = $2 AND status = 'pending' RETURNING object_key`,
      [uploadId, patientId],
    )) as [Array<{ object_key: string }>, number];
    return rows[0]?.object_key ?? null;
  }

  listStored(patientId: string): Promise<FileRow[]> {
    return this.dataSource.query(
      `SELECT ${FILE_COLUMNS},
              ARRAY(SELECT fa.appointment_id::text FROM "files"."file_attachments" fa
                     WHERE fa.file_id = f.id ORDER BY fa.attached_at) AS appointment_ids
         FROM "files"."files" f
        WHERE patient_id = $1 AND status = 'stored'
        ORDER BY uploaded_at DESC, id DESC`,
      [patientId],
    );
  }

  async findStored(
    patientId: string,
    id: string,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<FileRow | null> {
    const lock = tx === this.dataSource.manager ? '' : 'FOR UPDATE';
    const rows: FileRow[] = await tx.query(
      `SELECT ${FILE_COLUMNS} FROM "files"."files" WHERE id = $1 AND patient_id = $2 AND status = 'stored' ${lock}`,
      [id, patientId],
    );
    return rows[0] ?? null;
  }

  async deleteRow(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM "files"."files" WHERE id = $1`, [id]);
  }
}
