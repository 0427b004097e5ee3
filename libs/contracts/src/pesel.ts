/**
 * PESEL, the Polish national identification number: 11 digits encoding the
 * birth date (the month carries the century) and a checksum digit.
 */
const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

export function isValidPesel(pesel: string): boolean {
  if (!/^\d{11}$/.test(pesel)) return false;
  const digits = [...pesel].map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * digits[i]!, 0);
  if ((10 - (sum % 10)) % 10 !== digits[10]) return false;
  return peselBirthDate(pesel) !== null;
}

/** The birth date a PESEL encodes (YYYY-MM-DD), or null when it encodes no real date. */
export function peselBirthDate(pesel: string): string | null {
  if (!/^\d{11}$/.test(pesel)) return null;
  const yy = Number(pesel.slice(0, 2));
  const encodedMonth = Number(pesel.slice(2, 4));
  const day = Number(pesel.slice(4, 6));
  const centuries: Array<[number, number]> = [
    [80, 1800],
    [0, 1900],
    [20, 2000],
    [40, 2100],
    [60, 2200],
  ];
  const match = centuries.find(([offset]) => encodedMonth > offset && encodedMonth <= offset + 12);
  if (!match) return null;
  const [offset, century] = match;
  const year = century + yy;
  const month = encodedMonth - offset;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day (the age doctors see beside a name). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
