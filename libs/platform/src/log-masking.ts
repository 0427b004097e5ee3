import { isValidPesel } from '@pacjent/contracts';

/**
 * Masking by pattern, for personal data that arrives inside text (an error
 * message quoting a PESEL, a stack, a SQL detail) where masking by key cannot
 * see it. Applied to every finished log line.
 */

/** 11 digits standing alone; masked only when they pass the PESEL checksum (so ids and amounts stay readable). */
const ELEVEN_DIGITS = /(?<![0-9])[0-9]{11}(?![0-9])/g;

/**
 * A 4-digit code where a label says it is one: an e-prescription access code
 * ("kod dostępu 1234", "accessCode":"1234", "kod: 1234", "PIN 1234").
 */
const LABELLED_CODE =
  /((?:access[ _-]?code|accesscode|kod(?:u|em)?(?:[ _-]+(?:dost[eę]pu|recepty|odbioru))?|pin)(?:\\?["'])?\s*[:=]?\s*(?:\\?["'])?\s*)[0-9]{4}(?![0-9])/giu;

export const MASKED_PESEL = '[pesel]';
export const MASKED_CODE = '[code]';

export function maskPersonalData(text: string): string {
  return text
    .replace(ELEVEN_DIGITS, (digits) => (isValidPesel(digits) ? MASKED_PESEL : digits))
    .replace(LABELLED_CODE, (_match, label: string) => `${label}${MASKED_CODE}`);
}
