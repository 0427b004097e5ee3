/** Shared with consultations (libs/platform); re-exported where booking has always imported it from. */
export { canonicalJson, requestHash } from '@pacjent/platform';
