import { isValidPesel, peselBirthDate, VerificationFailure } from '@pacjent/contracts';

/** Today's date in Poland (YYYY-MM-DD): age is counted by the Polish calendar day. */
export function warsawDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(now);
}

/** Whether someone born on `birthDate` (YYYY-MM-DD) is 18 or older on `today` (YYYY-MM-DD). */
export function isAdultOn(birthDate: string, today: string): boolean {
  const [year, rest] = [Number(birthDate.slice(0, 4)), birthDate.slice(4)];
  // Born on 29 February: an adult from 1 March of a common year (the string compares past "-02-28").
  return `${String(year + 18).padStart(4, '0')}${rest}` <= today;
}

/** The person the bank vouches for, as read from a verified ID token. */
export interface BankPerson {
  pesel: string;
  firstName: string;
  lastName: string;
  birthDate: string;
}

export class BankClaimsError extends Error {}

/** Reads the bank's claims; refuses a token whose person is incomplete or whose birth date contradicts the PESEL. */
export function bankPersonFrom(claims: Record<string, unknown>): BankPerson {
  const text = (name: string) => {
    const value = claims[name];
    if (typeof value !== 'string' || value.trim() === '') throw new BankClaimsError(`the ID token has no ${name}`);
    return value.trim();
  };
  if (text('nin_type') !== 'PERSON' || text('nin_issuing_country') !== 'PL') {
    throw new BankClaimsError('the national identifier is not a Polish PESEL');
  }
  const pesel = text('nin');
  if (!isValidPesel(pesel)) throw new BankClaimsError('nin is not a valid PESEL');
  const birthDate = text('birthdate');
  if (peselBirthDate(pesel) !== birthDate) throw new BankClaimsError('birthdate does not match the PESEL');
  return { pesel, birthDate, firstName: text('given_name'), lastName: text('family_name') };
}

/** The rules of a bank confirmation; null when the account may be confirmed as this person. */
export function bankRefusal(
  person: BankPerson,
  accountPesel: string | null,
  today: string,
): { code: VerificationFailure; reason: string } | null {
  if (!isAdultOn(person.birthDate, today)) {
    return { code: VerificationFailure.UNDERAGE, reason: 'Only adults can confirm their identity through a bank.' };
  }
  if (accountPesel !== null && accountPesel !== person.pesel) {
    return {
      code: VerificationFailure.PESEL_MISMATCH,
      reason: "The bank's PESEL differs from the one on the account.",
    };
  }
  return null;
}
