/**
 * A client-side hint for the PESEL field. The backend decides; this only saves
 * the patient a round trip for a typo. (Kept local on purpose: the contracts
 * package is imported for types only.)
 */
export type PeselHint = 'empty' | 'incomplete' | 'not-digits' | 'invalid' | 'valid';

const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/** Century offsets carried in the PESEL month (e.g. +20 for births 2000–2099). */
const CENTURIES: ReadonlyArray<readonly [offset: number, century: number]> = [
  [80, 1800],
  [0, 1900],
  [20, 2000],
  [40, 2100],
  [60, 2200],
];

export function peselHint(raw: string): PeselHint {
  const value = raw.trim();
  if (value === '') return 'empty';
  if (!/^\d+$/.test(value)) return 'not-digits';
  if (value.length < 11) return 'incomplete';
  if (value.length > 11) return 'invalid';
  return hasValidChecksum(value) && encodesRealDate(value) ? 'valid' : 'invalid';
}

function hasValidChecksum(pesel: string): boolean {
  const digits = [...pesel].map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * (digits[i] ?? 0), 0);
  return (10 - (sum % 10)) % 10 === digits[10];
}

function encodesRealDate(pesel: string): boolean {
  const yy = Number(pesel.slice(0, 2));
  const encodedMonth = Number(pesel.slice(2, 4));
  const day = Number(pesel.slice(4, 6));
  const match = CENTURIES.find(([offset]) => encodedMonth > offset && encodedMonth <= offset + 12);
  if (!match) return false;
  const [offset, century] = match;
  const year = century + yy;
  const month = encodedMonth - offset;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
