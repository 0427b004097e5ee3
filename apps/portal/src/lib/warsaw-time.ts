/**
 * Calendar arithmetic in the network's time zone. Visits happen in Poland, so
 * days and hours are always Europe/Warsaw, whatever the browser's zone.
 */
export const WARSAW = 'Europe/Warsaw';

const dayKeyFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: WARSAW,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: WARSAW,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Warsaw calendar day (YYYY-MM-DD) an instant falls on. */
export function warsawDateKey(instant: Date): string {
  const parts = Object.fromEntries(dayKeyFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** How far Warsaw's wall clock is ahead of UTC at an instant, in milliseconds. */
function warsawOffsetMs(instant: Date): number {
  const p = Object.fromEntries(wallClockFormat.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const wallAsUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a Warsaw calendar day (YYYY-MM-DD) begins. */
export function warsawDayStart(dayKey: string): Date {
  const [y, m, d] = parseDayKey(dayKey);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Warsaw changes clocks at 02:00/03:00, never at midnight, so one correction is exact.
  return new Date(utcMidnight - warsawOffsetMs(new Date(utcMidnight)));
}

/** The day `days` after (or before) a day key. */
export function addDays(dayKey: string, days: number): string {
  const [y, m, d] = parseDayKey(dayKey);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function isDayKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parseDayKey(value);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDayKey(dayKey: string): [number, number, number] {
  const [y = NaN, m = NaN, d = NaN] = dayKey.split('-').map(Number);
  return [y, m, d];
}
