import type { FileContentType } from '@pacjent/contracts';

/** How many leading bytes decide the type. */
export const SNIFF_BYTES = 8;

const SIGNATURES: Array<{ type: FileContentType; bytes: Buffer }> = [
  { type: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'application/pdf', bytes: Buffer.from('%PDF-', 'ascii') },
];

/**
 * The file's type from its first bytes (JPEG, PNG or PDF signatures), or
 * null for anything else. The name and the client's Content-Type are never
 * consulted. See docs/decisions/0003-files-upload-path.md for why this is
 * not the file-type package.
 */
export function sniffContentType(head: Buffer): FileContentType | null {
  return SIGNATURES.find(({ bytes }) => head.subarray(0, bytes.length).equals(bytes))?.type ?? null;
}
