import { localeOf, type Lang } from '../../i18n/lang';

/** "12 kwietnia 1985" from an ISO instant or a YYYY-MM-DD date, in Warsaw. */
export function formatLongDate(value: string, lang: Lang): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: 'Europe/Warsaw',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}
