import type { FileContentType } from '@pacjent/contracts';
import { fileTypeFromBuffer } from 'file-type';

/** How many leading bytes decide the type (what file-type needs to tell every format it knows). */
export const SNIFF_BYTES = 4100;

const ACCEPTED = new Set<string>(['image/jpeg', 'image/png', 'application/pdf'] satisfies FileContentType[]);

/**
 * The file's type from its first bytes, by the file-type library, when it is
 * one we accept (JPEG, PNG, PDF); null for anything else. The name and the
 * client's Content-Type are never consulted.
 */
export async function sniffContentType(head: Buffer): Promise<FileContentType | null> {
  const detected = await fileTypeFromBuffer(head);
  return detected && ACCEPTED.has(detected.mime) ? (detected.mime as FileContentType) : null;
}
