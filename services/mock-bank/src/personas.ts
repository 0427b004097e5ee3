import { peselBirthDate } from '@pacjent/contracts';
import { createHash } from 'node:crypto';

/** What the bank knows about a person who logs in to its sandbox. */
export interface Person {
  /** Stable, opaque subject identifier: the same person always gets the same `sub`. */
  sub: string;
  pesel: string;
  givenName: string;
  familyName: string;
  birthdate: string;
}

/** Fixed test personas (valid PESELs), documented in the mock bank's README. */
const PERSONAS: Record<string, { givenName: string; familyName: string }> = {
  '44051401359': { givenName: 'Jan', familyName: 'Kowalski' },
  '02070803628': { givenName: 'Anna', familyName: 'Nowak' },
  '90090515836': { givenName: 'Piotr', familyName: 'Wiśniewski' },
};

const FEMALE_NAMES = ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Zofia'];
const MALE_NAMES = ['Jan', 'Piotr', 'Andrzej', 'Krzysztof', 'Stanisław', 'Tomasz', 'Paweł', 'Michał'];
const FAMILY_NAMES: Array<[male: string, female: string]> = [
  ['Kowalski', 'Kowalska'],
  ['Nowak', 'Nowak'],
  ['Wiśniewski', 'Wiśniewska'],
  ['Wójcik', 'Wójcik'],
  ['Kamiński', 'Kamińska'],
  ['Lewandowski', 'Lewandowska'],
  ['Zieliński', 'Zielińska'],
  ['Szymański', 'Szymańska'],
];

/** The person behind a PESEL: a fixed persona, or names generated from the digits (always the same ones). */
export function personFor(pesel: string): Person {
  const birthdate = peselBirthDate(pesel);
  if (!birthdate) throw new Error('not a PESEL');
  const digest = createHash('sha256').update(`mock-bank:${pesel}`).digest();
  const sub = digest.subarray(0, 16).toString('hex');
  const fixed = PERSONAS[pesel];
  if (fixed) return { sub, pesel, birthdate, ...fixed };
  // The tenth digit of a PESEL is even for women, odd for men.
  const female = Number(pesel[9]) % 2 === 0;
  const given = (female ? FEMALE_NAMES : MALE_NAMES)[digest[16]! % 8]!;
  const family = FAMILY_NAMES[digest[17]! % FAMILY_NAMES.length]!;
  return { sub, pesel, birthdate, givenName: given, familyName: female ? family[1] : family[0] };
}

/** The claims the bank releases, as mojeID-style services name them. */
export function claimsOf(person: Person): Record<string, string> {
  return {
    sub: person.sub,
    given_name: person.givenName,
    family_name: person.familyName,
    birthdate: person.birthdate,
    nin: person.pesel,
    nin_type: 'PERSON',
    nin_issuing_country: 'PL',
  };
}
