import { WARSAW, warsawDayStart } from '../lib/warsaw-time';
import { localeOf, type Lang } from './lang';

/** "środa, 10 marca 2021, 09:10" — a visit's start, in Warsaw time. */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: WARSAW,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "09:10" in Warsaw time. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: WARSAW,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "środa, 10 marca" — the heading of one day of free slots. */
export function formatDayHeading(dayKey: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: WARSAW,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(warsawDayStart(dayKey));
}

/** "09:10–09:30" in Warsaw time. */
export function formatTimeRange(startIso: string, endIso: string, lang: Lang): string {
  return `${formatTime(startIso, lang)}–${formatTime(endIso, lang)}`;
}
