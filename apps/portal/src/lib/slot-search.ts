import type { Channel, TimeOfDay } from '@pacjent/contracts';
import { addDays, isDayKey, warsawDateKey, warsawDayStart } from './warsaw-time';

/** The "Wyszukaj terminy" form as the patient fills it in. Empty string = any. */
export interface SlotSearchForm {
  serviceId: string;
  channel: Channel | '';
  city: string;
  /** Warsaw calendar days, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  timeOfDay: TimeOfDay | '';
  language: string;
  /** '' = any facility of the city. */
  facilityId: string;
  /** Warsaw hours, '' = any: slots starting at or after `hourFrom` and before `hourTo`. */
  hourFrom: string;
  hourTo: string;
  /** '' = any doctor of the service. */
  doctorId: string;
}

export type SlotSearchProblem = 'serviceRequired' | 'invalidDate' | 'toBeforeFrom';
export type SlotSearchErrors = Partial<Record<keyof SlotSearchForm, SlotSearchProblem>>;

export const DEFAULT_RANGE_DAYS = 14;
/** One page of results; the query asks for one more to know whether there are more. */
export const SLOT_PAGE_SIZE = 100;

/** Phone and video visits happen wherever the patient is: the city (and facility) do not apply. */
export function cityApplies(channel: Channel | ''): boolean {
  return channel === '' || channel === 'in_person';
}

export function defaultSlotSearch(now: Date): SlotSearchForm {
  const today = warsawDateKey(now);
  return {
    serviceId: '',
    channel: '',
    city: '',
    from: today,
    to: addDays(today, DEFAULT_RANGE_DAYS),
    timeOfDay: '',
    language: '',
    facilityId: '',
    hourFrom: '',
    hourTo: '',
    doctorId: '',
  };
}

export function validateSlotSearch(form: SlotSearchForm): SlotSearchErrors {
  const errors: SlotSearchErrors = {};
  if (!form.serviceId) errors.serviceId = 'serviceRequired';
  if (!isDayKey(form.from)) errors.from = 'invalidDate';
  if (!isDayKey(form.to)) errors.to = 'invalidDate';
  else if (isDayKey(form.from) && form.to < form.from) errors.to = 'toBeforeFrom';
  if (form.hourFrom && form.hourTo && Number(form.hourTo) <= Number(form.hourFrom)) errors.hourTo = 'toBeforeFrom';
  return errors;
}

/**
 * The query string of `GET /api/slots`. Days become instants in Warsaw: from
 * the start of `from` (or now, if that is later) to the end of `to`.
 */
export function slotSearchQuery(form: SlotSearchForm, now: Date, offset = 0): string {
  const start = warsawDayStart(form.from);
  const params = new URLSearchParams();
  if (form.serviceId) params.set('serviceId', form.serviceId);
  if (form.channel) params.set('channel', form.channel);
  if (form.city && cityApplies(form.channel)) params.set('city', form.city);
  params.set('from', (start < now ? now : start).toISOString());
  params.set('to', warsawDayStart(addDays(form.to, 1)).toISOString());
  if (form.timeOfDay) params.set('timeOfDay', form.timeOfDay);
  if (form.language) params.set('language', form.language);
  if (form.facilityId && cityApplies(form.channel)) params.set('facilityIds', form.facilityId);
  if (form.doctorId) params.set('doctorId', form.doctorId);
  if (form.hourFrom) params.set('hourFrom', form.hourFrom);
  if (form.hourTo) params.set('hourTo', form.hourTo);
  params.set('limit', String(SLOT_PAGE_SIZE + 1));
  if (offset > 0) params.set('offset', String(offset));
  return params.toString();
}
