import type { FileContentLocation, FileView } from '@pacjent/contracts';
import type { FileRow } from './files.repository';

export function toFileView(row: FileRow): FileView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    contentType: row.content_type,
    size: row.size_bytes,
    uploadedAt: row.uploaded_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    appointmentIds: row.appointment_ids ?? [],
  };
}

export function toContentLocation(row: FileRow): FileContentLocation {
  return { objectKey: row.object_key, name: row.name, contentType: row.content_type, size: row.size_bytes };
}
