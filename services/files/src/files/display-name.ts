const MAX_NAME_LENGTH = 200;
// C0/C1 control characters and the bidirectional overrides that can disguise an extension.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The client's file name as safe display text: no directory parts, no control
 * or direction-override characters, whitespace collapsed, bounded length.
 * It is never used as a storage key or a path.
 */
export function cleanDisplayName(raw: string, fallback = 'plik'): string {
  const lastPart = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = lastPart.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  const withoutDots = /^\.+$/.test(cleaned) ? '' : cleaned;
  if (withoutDots.length <= MAX_NAME_LENGTH) return withoutDots || fallback;
  // Keep the extension when shortening, so the patient still sees the format.
  const dot = withoutDots.lastIndexOf('.');
  const extension = dot > 0 && withoutDots.length - dot <= 10 ? withoutDots.slice(dot) : '';
  return withoutDots.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}
