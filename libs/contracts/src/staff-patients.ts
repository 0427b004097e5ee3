import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { AppointmentView } from './booking';
import type { FileView } from './files';

/** booking.staff.patients.appointments and files.staff.patients.list: one patient, asked by staff. */
export class StaffPatientIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId: string;
}

/**
 * A patient's file as staff see it: what it is and when, never its name,
 * description or content (those are for the patient and the doctors of the
 * visits it is attached to).
 */
export type StaffFileView = Pick<FileView, 'id' | 'contentType' | 'size' | 'uploadedAt' | 'expiresAt'>;

/** GET /api/staff/patients/{id}/activity: the patient card's visits and files. */
export interface StaffPatientActivityView {
  /** Every visit, newest first (planned, completed, cancelled). */
  visits: AppointmentView[];
  files: StaffFileView[];
}
