import { Injectable } from '@nestjs/common';
import type { FileAccessView } from '@pacjent/contracts';
import { DataSource } from 'typeorm';
import type { FileRow } from '../files/files.repository';

const FILE_COLUMNS =
  'f.id, f.object_key, f.name, f.content_type, f.size_bytes, f.description, f.uploaded_at, f.expires_at';

/** Attachments of files to appointments, and the log of doctors' access. Queries always name the patient. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async attach(fileId: string, appointmentId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "files"."file_attachments" (file_id, appointment_id, attached_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [fileId, appointmentId, now],
    );
  }

  async detach(fileId: string, appointmentId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "files"."file_attachments" WHERE file_id = $1 AND appointment_id = $2`, [
      fileId,
      appointmentId,
    ]);
  }

  /** The patient's stored files attached to the appointment; `fileId` narrows it to one. */
  attachedFiles(patientId: string, appointmentId: string, fileId?: string): Promise<FileRow[]> {
    return this.dataSource.query(
      `SELECT ${FILE_COLUMNS}
         FROM "files"."file_attachments" fa JOIN "files"."files" f ON f.id = fa.file_id
        WHERE fa.appointment_id = $1 AND f.patient_id = $2 AND f.status = 'stored'
          AND ($3::uuid IS NULL OR f.id = $3::uuid)
        ORDER BY f.uploaded_at DESC, f.id DESC`,
      [appointmentId, patientId, fileId ?? null],
    );
  }

  async logAccess(
    patientId: string,
    files: Array<Pick<FileRow, 'id' | 'name'>>,
    appointmentId: string,
    accessorId: string,
    action: 'list' | 'download',
    now: Date,
  ): Promise<void> {
    if (files.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO "files"."file_access_log"
         (patient_id, file_id, file_name, appointment_id, accessor_id, action, accessed_at)
       SELECT $1, id, name, $3, $4, $5, $6 FROM unnest($2::uuid[], $7::text[]) AS t(id, name)`,
      [patientId, files.map((file) => file.id), appointmentId, accessorId, action, now, files.map((file) => file.name)],
    );
  }

  async accessLog(patientId: string): Promise<FileAccessView[]> {
    const rows: Array<{
      file_id: string;
      file_name: string;
      appointment_id: string;
      accessor_id: string;
      action: 'list' | 'download';
      accessed_at: Date;
    }> = await this.dataSource.query(
      `SELECT file_id, file_name, appointment_id, accessor_id, action, accessed_at
         FROM "files"."file_access_log" WHERE patient_id = $1
        ORDER BY accessed_at DESC, id DESC LIMIT 500`,
      [patientId],
    );
    return rows.map((row) => ({
      fileId: row.file_id,
      fileName: row.file_name,
      appointmentId: row.appointment_id,
      accessorId: row.accessor_id,
      action: row.action,
      accessedAt: row.accessed_at.toISOString(),
    }));
  }
}
