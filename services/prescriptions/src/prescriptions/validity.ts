import {
  ANTIBIOTIC_MAX_VALID_DAYS,
  CHRONIC_MAX_VALID_DAYS,
  CONTROLLED_MAX_VALID_DAYS,
  DomainError,
  ErrorCode,
  MAX_VALID_FROM_AHEAD_DAYS,
  PRESCRIPTION_DEFAULT_VALID_DAYS,
} from '@pacjent/contracts';
import { addDays, isCalendarDate } from './warsaw-date';

export interface ValidityItem {
  antibiotic: boolean;
  controlled: boolean;
  /** Days of treatment the item's quantity covers, as the doctor declared it. */
  supplyDays?: number | null;
}

export interface Validity {
  validFrom: string;
  validDays: number;
  /** Last day it may be dispensed (inclusive). */
  validUntil: string;
}

const invalid = (message: string, details: Record<string, unknown>) =>
  new DomainError(ErrorCode.PRESCRIPTION_VALIDITY_INVALID, message, details);

/**
 * How long a prescription is valid, by the rules of the issue:
 * - from "realise from" (today by default; not in the past, at most 60 days ahead);
 * - 30 days by default; with an antibiotic (ATC J01) 7 by default and at most 7;
 *   with a controlled substance at most 30;
 * - otherwise up to 365 days for chronic treatment, and then every item
 *   must state the days of treatment its quantity covers (`supplyDays`, at
 *   most 360). A dosage is free text ("1 tabl. 2 x dziennie"), so the supply
 *   cannot be computed from quantity × pack size; the doctor declares it, as
 *   the e-prescription itself does.
 * Anything else is PRESCRIPTION_VALIDITY_INVALID.
 */
export function decideValidity(
  requested: { validFrom?: string; validDays?: number },
  items: ValidityItem[],
  today: string,
): Validity {
  const validFrom = requested.validFrom ?? today;
  if (!isCalendarDate(validFrom)) throw invalid('validFrom is not a date.', { field: 'validFrom' });
  if (validFrom < today) throw invalid('A prescription cannot be realised from a past day.', { field: 'validFrom' });
  if (validFrom > addDays(today, MAX_VALID_FROM_AHEAD_DAYS)) {
    throw invalid(`"Realise from" may be at most ${MAX_VALID_FROM_AHEAD_DAYS} days ahead.`, { field: 'validFrom' });
  }

  const antibiotic = items.some((item) => item.antibiotic);
  const controlled = items.some((item) => item.controlled);
  const max = antibiotic ? ANTIBIOTIC_MAX_VALID_DAYS : controlled ? CONTROLLED_MAX_VALID_DAYS : CHRONIC_MAX_VALID_DAYS;
  const validDays = requested.validDays ?? (antibiotic ? ANTIBIOTIC_MAX_VALID_DAYS : PRESCRIPTION_DEFAULT_VALID_DAYS);
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > max) {
    const why = antibiotic
      ? 'with an antibiotic'
      : controlled
        ? 'with a controlled substance'
        : 'for chronic treatment';
    throw invalid(`A prescription ${why} is valid 1 to ${max} days.`, { field: 'validDays', max });
  }
  if (validDays > PRESCRIPTION_DEFAULT_VALID_DAYS) {
    const missing = items.flatMap((item, index) => (item.supplyDays ? [] : [index]));
    if (missing.length > 0) {
      throw invalid(
        `A prescription valid over ${PRESCRIPTION_DEFAULT_VALID_DAYS} days needs the days of treatment (supplyDays, at most 360) of every item.`,
        { field: 'items.supplyDays', items: missing },
      );
    }
  }
  return { validFrom, validDays, validUntil: addDays(validFrom, validDays - 1) };
}
