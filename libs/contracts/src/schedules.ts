import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CHANNELS, type Channel } from './booking';

/** A Warsaw wall-clock time, "HH:MM" (00:00–23:59). */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const SLOT_MINUTES_MIN = 5;
export const SLOT_MINUTES_MAX = 480;

/** Staff: a doctor's weekly schedule. */
export class ListScheduleTemplatesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  doctorId: string;
}

/** Staff add one stretch of a doctor's working week; its slots appear across the booking horizon at once. */
export class CreateScheduleTemplateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  doctorId: string;

  @ApiProperty({ format: 'uuid', description: 'A service the doctor offers' })
  @IsUUID()
  serviceId: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required for in_person, absent otherwise' })
  @IsOptional()
  @IsUUID()
  facilityId?: string | null;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '09:00', description: 'Warsaw time, HH:MM' })
  @Matches(TIME_OF_DAY_PATTERN, { message: 'startsAt must be HH:MM' })
  startsAt: string;

  @ApiProperty({ example: '13:00', description: 'Warsaw time, HH:MM; the last slot ends at or before it' })
  @Matches(TIME_OF_DAY_PATTERN, { message: 'endsAt must be HH:MM' })
  endsAt: string;

  @ApiProperty({ minimum: SLOT_MINUTES_MIN, maximum: SLOT_MINUTES_MAX, example: 20 })
  @IsInt()
  @Min(SLOT_MINUTES_MIN)
  @Max(SLOT_MINUTES_MAX)
  slotMinutes: number;
}

export class ScheduleTemplateIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export interface ScheduleTemplateView {
  id: string;
  doctorId: string;
  serviceId: string;
  serviceName: string;
  facilityId: string | null;
  facilityName: string | null;
  channel: Channel;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM", Warsaw time. */
  startsAt: string;
  /** "HH:MM", Warsaw time. */
  endsAt: string;
  slotMinutes: number;
}

/** The new template and how many free slots it added across the booking horizon. */
export interface CreatedScheduleTemplateView extends ScheduleTemplateView {
  generatedSlots: number;
}

/** What deleting a template did to its future slots. */
export interface ScheduleTemplateRemoval {
  id: string;
  /** Future free slots deleted. */
  removedSlots: number;
  /** Future slots with a booked visit: kept, the visit stands. */
  keptBookedSlots: number;
}

/** A template in the list, with what deleting it now would touch (counted from the future slots). */
export interface ScheduleTemplateListItem extends ScheduleTemplateView {
  /** Future slots nobody has booked: deleting the template removes them. */
  upcomingFreeSlots: number;
  /** Future slots with a booked visit: kept when the template is deleted. */
  upcomingBookedVisits: number;
}
