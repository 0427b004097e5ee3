import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsIn, IsInt, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

/** The largest file a patient may add: exactly this many bytes is accepted, one more is not. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** How many files a patient may keep at once. */
export const MAX_FILES_PER_PATIENT = 5;
/** A file is deleted automatically this many calendar months after it was added. */
export const FILE_RETENTION_MONTHS = 3;
export const FILE_DESCRIPTION_MIN = 5;
export const FILE_DESCRIPTION_MAX = 75;

/** What a file may be, decided by its bytes (never its name or the client's Content-Type). */
export const FILE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type FileContentType = (typeof FILE_CONTENT_TYPES)[number];

/** The text fields of `POST /api/files` (multipart), validated in the gateway and again in the service. */
export class FileFieldsDto {
  @ApiProperty({ minLength: FILE_DESCRIPTION_MIN, maxLength: FILE_DESCRIPTION_MAX, description: 'Seen by the doctor' })
  @IsString()
  @Length(FILE_DESCRIPTION_MIN, FILE_DESCRIPTION_MAX)
  description: string;

  @ApiProperty({ enum: [true], description: 'The patient agrees to share the file with the doctor' })
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value))
  @Equals(true, { message: 'consent must be given' })
  consent: true;
}

/** files.uploads.complete: the upload's bytes are in storage; record what they are. */
export class CompleteUploadDto extends FileFieldsDto {
  @IsUUID()
  uploadId: string;

  /** The client's file name, as display text only (the service cleans it). */
  @IsString()
  @MaxLength(1024)
  name: string;

  @IsIn(FILE_CONTENT_TYPES)
  contentType: FileContentType;

  @IsInt()
  @Min(1)
  @Max(MAX_FILE_BYTES)
  size: number;
}

export class UploadIdDto {
  @IsUUID()
  uploadId: string;
}

export class FileIdDto {
  @IsUUID()
  id: string;
}

/** files.uploads.reserve: a place in the patient's quota and the storage key to write to. */
export interface ReservedUpload {
  uploadId: string;
  objectKey: string;
}

/** A patient's file, as the API shows it. */
export interface FileView {
  id: string;
  name: string;
  description: string;
  contentType: FileContentType;
  size: number;
  uploadedAt: string;
  expiresAt: string;
  /** The phone-consultation appointments the file is attached to (their doctors can see it). */
  appointmentIds: string[];
}

/** files.content.locate: where a file's bytes are, for the gateway to stream them. */
export interface FileContentLocation {
  objectKey: string;
  name: string;
  contentType: FileContentType;
  size: number;
}

/** booking.appointments.accessCheck: whether the actor is the appointment's patient or its doctor. */
export class AppointmentAccessDto {
  @IsUUID()
  appointmentId: string;
}

/** The facts about an appointment another service needs to decide access (booking answers them). */
export interface AppointmentAccessView {
  appointmentId: string;
  patientId: string;
  /** The identity account of the appointment's doctor, when the doctor has one. */
  doctorAccountId: string | null;
  channel: 'in_person' | 'phone' | 'video';
  status: 'booked' | 'cancelled' | 'completed' | 'no_show';
  startsAt: string;
}

/** files.attachments.attach / detach: a patient's file and their own phone-consultation appointment. */
export class FileAttachmentDto {
  @IsUUID()
  fileId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  appointmentId: string;
}

/** The body of `POST /api/files/{id}/attachments`. */
export class AttachFileDto {
  @ApiProperty({ format: 'uuid', description: 'Your upcoming phone consultation' })
  @IsUUID()
  appointmentId: string;
}

/** files.doctor.locate: one file attached to the doctor's appointment. */
export class DoctorFileDto {
  @IsUUID()
  appointmentId: string;

  @IsUUID()
  fileId: string;
}

/** Who looked at a patient's file, for the patient's access history. */
export interface FileAccessView {
  fileId: string;
  fileName: string;
  appointmentId: string;
  accessorId: string;
  action: 'list' | 'download';
  accessedAt: string;
}
