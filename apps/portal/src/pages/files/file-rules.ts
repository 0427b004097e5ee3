/*
 * The limits of libs/contracts/src/files.ts, repeated here because the
 * portal may import only types from contracts (its values pull Nest into the
 * bundle). The server enforces them; these only let the form answer early.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_FILES_PER_PATIENT = 5;
export const FILE_DESCRIPTION_MIN = 5;
export const FILE_DESCRIPTION_MAX = 75;

/** The page's one paragraph of upload rules; the file input points at it. */
export const FILE_RULES_ID = 'file-rules';

/** What the file picker offers; the server still decides by the bytes. */
export const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

/** "JPEG", "PNG", "PDF" — the format column. */
export function formatOf(contentType: string): string {
  if (contentType === 'image/jpeg') return 'JPEG';
  if (contentType === 'image/png') return 'PNG';
  if (contentType === 'application/pdf') return 'PDF';
  return contentType;
}

export function formatSize(bytes: number, lang: string): string {
  const locale = lang === 'pl' ? 'pl-PL' : 'en-GB';
  // A 178-byte file is "178 B", never "0 KB".
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}
