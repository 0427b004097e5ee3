import { WARSAW, warsawDayStart } from '../lib/warsaw-time';
import { localeOf, type Lang } from './lang';

/** "Środa, 10 marca 2021, godz. 09:10" — a visit's start, in Warsaw time. */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: WARSAW,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
  const time = formatTime(iso, lang);
  return lang === 'pl' ? `${capitalize(date)}, godz. ${time}` : `${date}, ${time}`;
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

/** "Środa, 10 marca" — the heading of one day of free slots. */
export function formatDayHeading(dayKey: string, lang: Lang): string {
  const heading = new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: WARSAW,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(warsawDayStart(dayKey));
  return capitalize(heading);
}

/** "09:10–09:30" in Warsaw time. */
export function formatTimeRange(startIso: string, endIso: string, lang: Lang): string {
  return `${formatTime(startIso, lang)}–${formatTime(endIso, lang)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
