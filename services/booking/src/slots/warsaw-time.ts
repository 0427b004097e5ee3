import type { TimeOfDay } from '@pacjent/contracts';

/** The network's clinics are in Poland: "morning", "a working day" and date-only input mean Warsaw time. */
export const CLINIC_TIME_ZONE = 'Europe/Warsaw';

/** Local hours [from, to) of each time of day: morning before 12:00, afternoon 12–17, evening from 17:00. */
export const TIME_OF_DAY_HOURS: Record<TimeOfDay, readonly [number, number]> = {
  morning: [0, 12],
  afternoon: [12, 17],
  evening: [17, 24],
};

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: CLINIC_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** What a clock on a Warsaw clinic's wall shows at `instant`. */
export function warsawWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const asUtcMillis = (clock: WallClock): number =>
  Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);

/** The instant at which Warsaw's wall clock shows `clock` (for the hour skipped in spring: an hour later). */
export function warsawInstant(clock: WallClock): Date {
  const wanted = asUtcMillis(clock);
  const offsetAt = (millis: number): number => asUtcMillis(warsawWallClock(new Date(millis))) - millis;
  const guess = wanted - offsetAt(wanted);
  return new Date(wanted - offsetAt(guess));
}

/** The Warsaw calendar date of `instant`, as YYYY-MM-DD. */
export function warsawDate(instant: Date): string {
  const { year, month, day } = warsawWallClock(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A YYYY-MM-DD date `days` later. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function timeOfDayOf(instant: Date): TimeOfDay {
  const { hour } = warsawWallClock(instant);
  if (hour < TIME_OF_DAY_HOURS.morning[1]) return 'morning';
  if (hour < TIME_OF_DAY_HOURS.afternoon[1]) return 'afternoon';
  return 'evening';
}
