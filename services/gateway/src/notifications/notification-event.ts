import {
  CHANNELS,
  NOTIFICATION_TITLE_MAX_LENGTH,
  type Channel,
  type NotificationEvent,
  type NotificationKind,
} from '@pacjent/contracts';
import { validateInput } from '@pacjent/platform';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/**
 * Booking's notification events as the gateway accepts them from JetStream:
 * validated like any other input (the gateway passes them to a patient's open
 * page), never cast. See NotificationsHub.
 */
const NOTIFICATION_KINDS: NotificationKind[] = [
  'slot_available',
  'appointment_moved',
  'result_available',
  'question_answered',
  'renewal_approved',
  'renewal_declined',
];

/** A link inside the portal: one path from the root (never `//host`), with a query at most. */
const PORTAL_LINK = /^\/(?!\/)[A-Za-z0-9\-/]*(\?[A-Za-z0-9\-=&%]*)?$/;

class NamedRefDto {
  @IsUUID()
  id!: string;

  @IsString()
  name!: string;
}

class FacilityRefDto extends NamedRefDto {
  @IsString()
  city!: string;
}

class SlotViewDto {
  @IsUUID()
  id!: string;

  @IsISO8601()
  startsAt!: string;

  @IsISO8601()
  endsAt!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsObject()
  @ValidateNested()
  @Type(() => NamedRefDto)
  service!: NamedRefDto;

  @IsObject()
  @ValidateNested()
  @Type(() => NamedRefDto)
  doctor!: NamedRefDto;

  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => FacilityRefDto)
  facility!: FacilityRefDto | null;
}

class NotificationViewDto {
  @IsUUID()
  id!: string;

  @IsIn(NOTIFICATION_KINDS)
  kind!: NotificationKind;

  @IsISO8601()
  createdAt!: string;

  /** Slot notifications carry their slot and alert; record notifications (results, answers) a title and a link. */
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => SlotViewDto)
  slot!: SlotViewDto | null;

  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  appointmentId!: string | null;

  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  alertId!: string | null;

  // Optional: events of a booking from before record notifications have neither.
  @IsOptional()
  @IsString()
  @MaxLength(NOTIFICATION_TITLE_MAX_LENGTH)
  title!: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(PORTAL_LINK)
  link!: string | null;
}

class NotificationEventDto {
  @IsUUID()
  patientId!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => NotificationViewDto)
  notification!: NotificationViewDto;
}

/** The event, or a reason it cannot be one (for the log: names of fields, never their values). */
export function readNotificationEvent(data: unknown): { event: NotificationEvent } | { invalid: string } {
  try {
    validateInput(NotificationEventDto, data);
    // The plain object, now known to have the shape (forbidNonWhitelisted: nothing more).
    return { event: data as NotificationEvent };
  } catch (error) {
    const errors = (error as { details?: { errors?: Array<{ field: string }> } }).details?.errors;
    return { invalid: errors ? `invalid fields: ${errors.map((e) => e.field || '(payload)').join(', ')}` : 'invalid' };
  }
}
