import { createHash } from 'node:crypto';

/**
 * A stable UUID for a resource derived from another one (the Encounter of a
 * visit whose Appointment already carries the visit's id, the Condition of one
 * of its diagnoses): every entry of a bundle needs its own `urn:uuid:` fullUrl,
 * and the same record must export with the same ids every time.
 */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  // Shaped as a version-5-like UUID (variant bits set), so FHIR's uuid pattern accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
