/**
 * Checks every untrusted input once, whatever its DTO: no string may carry a
 * control character (PostgreSQL refuses NUL outright, and the others have no
 * place in a name, a search or a message), and no payload may nest deeper
 * than MAX_INPUT_DEPTH (the validators recurse: a deep enough body ended in
 * `RangeError: Maximum call stack size exceeded`). The walk is iterative, so
 * it cannot overflow the stack itself.
 */

/** Objects and arrays inside one another, the top level counting as 1. Our DTOs need 3. */
export const MAX_INPUT_DEPTH = 32;

/**
 * C0 controls and DEL. Tab, line feed and carriage return are allowed: free
 * text (a message to the clinic, a description) legitimately has line breaks,
 * and single-line fields refuse them with their own patterns.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';
export const TOO_DEEP_MESSAGE = `must not be nested more than ${MAX_INPUT_DEPTH} levels deep`;

export const hasControlCharacter = (text: string): boolean => CONTROL_CHARACTER.test(text);

/**
 * `text` without the control characters the input check refuses: for text
 * the client does not type but its software sends (a multipart file name),
 * which is cleaned rather than refused.
 */
export const withoutControlCharacters = (text: string): string =>
  text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '');

export interface InputIssue {
  /** `a.b.0.c`, or '' for the payload itself. */
  field: string;
  message: string;
}

/** The first problem found in `value`, or null. Never echoes the offending text. */
export function findInputIssue(value: unknown, maxDepth = MAX_INPUT_DEPTH): InputIssue | null {
  const pending: Array<{ value: unknown; field: string; depth: number }> = [{ value, field: '', depth: 0 }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') {
      if (hasControlCharacter(item.value)) return { field: item.field, message: CONTROL_CHARACTER_MESSAGE };
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return { field: item.field, message: TOO_DEEP_MESSAGE };
    const entries = Array.isArray(item.value)
      ? item.value.map((element, index) => [String(index), element] as const)
      : Object.entries(item.value);
    for (const [key, element] of entries) {
      const field = item.field ? `${item.field}.${key}` : key;
      // A key is input too; name its parent, not the key itself.
      if (hasControlCharacter(key)) return { field: item.field, message: `keys ${CONTROL_CHARACTER_MESSAGE}` };
      pending.push({ value: element, field, depth });
    }
  }
  return null;
}

/** How deep `value` nests, stopping early once past `limit` (iterative). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > limit) return true;
    for (const element of Array.isArray(item.value) ? item.value : Object.values(item.value)) {
      if (typeof element === 'object' && element !== null) pending.push({ value: element, depth });
    }
  }
  return false;
}
