import type { FileContentLocation, FileView, StaffFileView } from '@pacjent/contracts';
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

/** What staff may know of a file: no name, description or appointments (PRODUCT.md: those are the patient's and the doctor's). */
export function toStaffFileView(row: FileRow): StaffFileView {
  return {
    id: row.id,
    contentType: row.content_type,
    size: row.size_bytes,
    uploadedAt: row.uploaded_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}
