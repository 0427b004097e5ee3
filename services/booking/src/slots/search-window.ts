import { validationFailed } from '@pacjent/platform';
import { warsawInstant } from './warsaw-time';

/** How far ahead a search looks when it names no end. */
export const DEFAULT_SEARCH_DAYS = 30;

export interface SearchWindow {
  /** Slots start at or after this instant (never before now). */
  from: Date;
  /** …and strictly before this one. */
  to: Date;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads a search bound. With an offset it is an instant; without one it is
 * Warsaw wall-clock time; a bare date is the start of that day in Warsaw
 * (`endOfDay`: the start of the next one, so `to=2026-03-05` includes the 5th).
 */
export function parseSearchBound(value: string, field: string, endOfDay = false): Date {
  const invalid = () =>
    validationFailed([{ field, messages: [`${field} must be a real date (YYYY-MM-DD) or date-time`] }]);
  const match = DATE_TIME.exec(value);
  if (!match) throw invalid();
  const [, year, month, day, hour, minute, second, zone] = match;
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const calendar = new Date(Date.UTC(y, m - 1, d));
  const realDate = calendar.getUTCFullYear() === y && calendar.getUTCMonth() === m - 1 && calendar.getUTCDate() === d;
  if (!realDate || Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) throw invalid();
  if (zone !== undefined) {
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime())) throw invalid();
    return instant;
  }
  const date = hour === undefined && endOfDay ? new Date(Date.UTC(y, m - 1, d + 1)) : calendar;
  return warsawInstant({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  });
}

/** The instants a slot search covers: from `from` (never before now) to `to`, by default 30 days after `from`. */
export function searchWindow(request: { from?: string; to?: string }, now: Date): SearchWindow {
  const requestedFrom = request.from === undefined ? now : parseSearchBound(request.from, 'from');
  const to =
    request.to === undefined
      ? new Date(requestedFrom.getTime() + DEFAULT_SEARCH_DAYS * 24 * 60 * 60 * 1000)
      : parseSearchBound(request.to, 'to', true);
  const from = requestedFrom.getTime() > now.getTime() ? requestedFrom : now;
  return { from, to };
}
