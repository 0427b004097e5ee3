import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const SERVICE_KINDS = ['consultation', 'test', 'procedure', 'rehabilitation', 'occupational'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const CHANNELS = ['in_person', 'phone', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const APPOINTMENT_SCOPES = ['upcoming', 'past'] as const;
export type AppointmentScope = (typeof APPOINTMENT_SCOPES)[number];

export type AppointmentStatus = 'booked' | 'cancelled' | 'completed' | 'no_show';
export type AppointmentSource = 'portal' | 'phone' | 'facility';

/** A basic (unconfirmed) account may hold at most this many active appointments. */
export const BASIC_ACTIVE_APPOINTMENT_LIMIT = 10;

export class ListServicesDto {
  @ApiPropertyOptional({ enum: SERVICE_KINDS })
  @IsOptional()
  @IsIn(SERVICE_KINDS)
  kind?: ServiceKind;

  @ApiPropertyOptional({ description: 'Text to look for in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ListFacilitiesDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;
}

export class ListDoctorsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;
}

/** A query parameter given once, repeated, or comma-separated, as a list. */
function toList({ value }: { value: unknown }): unknown {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  return value;
}

export class SlotSearchDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  doctorId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 30 days after `from`' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ enum: TIMES_OF_DAY })
  @IsOptional()
  @IsIn(TIMES_OF_DAY)
  timeOfDay?: TimeOfDay;

  @ApiPropertyOptional({ description: "Doctor's language (ISO 639-1)", example: 'en' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  language?: string;

  @ApiPropertyOptional({ type: [String], description: 'Several facilities (comma-separated or repeated)' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  facilityIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Doctors to leave out (comma-separated or repeated)' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  excludeDoctorIds?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Starts at or after this Warsaw hour' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  hourFrom?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, description: 'Starts before this Warsaw hour' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  hourTo?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 43200,
    description: 'Only slots starting at least this many minutes from now',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(43200)
  minLeadMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000, default: 0, description: 'Paging: skip this many results' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  offset?: number;
}

export class OccupationalReferralDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  employer: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  position: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  referralNumber: string;
}

export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  slotId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Rehabilitation referral to use' })
  @IsOptional()
  @IsUUID()
  referralId?: string;

  @ApiPropertyOptional({ type: OccupationalReferralDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OccupationalReferralDto)
  occupationalReferral?: OccupationalReferralDto;
}

export class RescheduleAppointmentDto {
  @ApiProperty({ format: 'uuid', description: 'The free slot to move the visit to (same service)' })
  @IsUUID()
  slotId: string;
}

/** The appointment to move (from the path) and where to (from the body). */
export class RescheduleRequestDto extends RescheduleAppointmentDto {
  @IsUUID()
  id: string;
}

export const STAFF_BOOKING_SOURCES = ['phone', 'facility'] as const;
export type StaffBookingSource = (typeof STAFF_BOOKING_SOURCES)[number];

/** Staff (call center, front desk) book for a patient; the patient cannot cancel such visits in the portal. */
export class StaffCreateAppointmentDto extends CreateAppointmentDto {
  @ApiProperty({ format: 'uuid', description: "The patient's account id" })
  @IsUUID()
  patientId: string;

  @ApiProperty({ enum: STAFF_BOOKING_SOURCES })
  @IsIn(STAFF_BOOKING_SOURCES)
  source: StaffBookingSource;
}

export class ListAppointmentsDto {
  @ApiPropertyOptional({ enum: APPOINTMENT_SCOPES, default: 'upcoming' })
  @IsOptional()
  @IsIn(APPOINTMENT_SCOPES)
  scope?: AppointmentScope;
}

export class AppointmentIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export interface ServiceView {
  id: string;
  name: string;
  kind: ServiceKind;
  channels: Channel[];
  basicAllowed: boolean;
  requiresReferral: boolean;
}

export interface FacilityView {
  id: string;
  name: string;
  city: string;
  address: string;
}

export interface DoctorView {
  id: string;
  name: string;
  specialties: string[];
  languages: string[];
}

export interface SlotView {
  id: string;
  startsAt: string;
  endsAt: string;
  channel: Channel;
  service: { id: string; name: string };
  doctor: { id: string; name: string };
  facility: { id: string; name: string; city: string } | null;
}

export interface AppointmentView {
  id: string;
  status: AppointmentStatus;
  source: AppointmentSource;
  bookedAt: string;
  cancelledAt: string | null;
  /** A moved visit: the appointment that replaced it (its status is `cancelled`). */
  replacedBy: string | null;
  slot: SlotView;
}

/** An appointment as an iCalendar file. */
export interface AppointmentCalendar {
  filename: string;
  /** text/calendar content (RFC 5545). */
  content: string;
}

export interface CancelResult {
  id: string;
  status: 'cancelled';
}

export const SLOT_ALERT_STATUSES = ['active', 'fulfilled'] as const;
export type SlotAlertStatus = (typeof SLOT_ALERT_STATUSES)[number];

/** "Powiadom mnie o wcześniejszym terminie": a saved search, until a date, optionally moving a visit. */
export class CreateSlotAlertDto extends PickType(SlotSearchDto, [
  'channel',
  'city',
  'facilityIds',
  'excludeDoctorIds',
  'hourFrom',
  'hourTo',
] as const) {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  serviceId: string;

  @ApiProperty({ format: 'date-time', description: 'Only slots starting before this instant' })
  @IsISO8601()
  until: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move this visit automatically to an earlier matching slot' })
  @IsOptional()
  @IsUUID()
  moveAppointmentId?: string;
}

export class SlotAlertIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export interface SlotAlertView {
  id: string;
  serviceId: string;
  channel: Channel | null;
  city: string | null;
  facilityIds: string[];
  excludeDoctorIds: string[];
  hourFrom: number | null;
  hourTo: number | null;
  until: string;
  moveAppointmentId: string | null;
  status: SlotAlertStatus;
  createdAt: string;
}

export type NotificationKind =
  | 'slot_available'
  | 'appointment_moved'
  | 'result_available'
  | 'question_answered'
  | 'renewal_approved'
  | 'renewal_declined';

/**
 * Something the portal shows in the bell: a freed slot that matched an alert,
 * a visit moved by one (both with `slot` and `alertId`), a new lab result or
 * the doctor's answer to a question (both with `title` and `link`, from
 * consultations' events).
 */
export interface NotificationView {
  id: string;
  kind: NotificationKind;
  createdAt: string;
  /** For `slot_available` and `appointment_moved`; null otherwise. */
  slot: SlotView | null;
  /** For `appointment_moved`: the visit now in `slot`; for `question_answered`: the visit asked about. */
  appointmentId: string | null;
  /** For `slot_available` and `appointment_moved`; null otherwise. */
  alertId: string | null;
  /** For `result_available` (the report's name) and `question_answered` (the visit's service); null otherwise. */
  title: string | null;
  /** Where the portal opens it (highlighted): `/results?report=<reportId>` or `/record?visit=<visitId>`; null for slot notifications. */
  link: string | null;
}

/** The most notifications one `Subjects.booking.listNotifications` answer holds. */
export const NOTIFICATIONS_PAGE_SIZE = 100;

/**
 * `Subjects.booking.listNotifications`: without `after`, the newest first (at
 * most NOTIFICATIONS_PAGE_SIZE); with `after` (a notification id of the
 * caller), the next page of those created after it, oldest first — what a page
 * missed while its stream was down (ask again after the last one for more). An
 * unknown or someone else's id lists nothing.
 */
export class ListNotificationsDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  after?: string;
}

/**
 * Published by booking (JetStream stream `EventStreams.booking`, subject
 * `Subjects.booking.notificationEvent`, message id = outbox id) after the
 * change commits; every gateway replica pushes it to the patient's open pages.
 */
export interface NotificationEvent {
  patientId: string;
  notification: NotificationView;
}
