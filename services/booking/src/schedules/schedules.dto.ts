import type { ScheduleTemplateListItem, ScheduleTemplateView } from '@pacjent/contracts';
import type { ScheduleTemplateListRow, ScheduleTemplateRow } from './schedules.repository';

/** "09:00:00" → "09:00". */
const hhmm = (time: string): string => time.slice(0, 5);

/** "HH:MM" → minutes after midnight. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export function toScheduleTemplateView(row: ScheduleTemplateRow): ScheduleTemplateView {
  return {
    id: row.id,
    doctorId: row.doctor_id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    channel: row.channel,
    weekday: row.weekday,
    startsAt: hhmm(row.starts_at),
    endsAt: hhmm(row.ends_at),
    slotMinutes: row.slot_minutes,
  };
}

export function toScheduleTemplateListItem(row: ScheduleTemplateListRow): ScheduleTemplateListItem {
  return {
    ...toScheduleTemplateView(row),
    upcomingFreeSlots: row.free_slots,
    upcomingBookedVisits: row.booked_visits,
  };
}
