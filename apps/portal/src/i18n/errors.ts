import { ApiError } from '../api/problem';
import type { Dictionary } from './pl';

export interface ErrorText {
  /** The sentence for the form's or page's alert. */
  message: string;
  /** Messages to show next to fields, by field name (VALIDATION_FAILED only). */
  fields: Record<string, string[]>;
}

/**
 * Explains any failure in the UI language. Field errors for `placedFields`
 * go next to those fields; errors about other fields join the main message
 * so nothing the server said is lost.
 */
export function describeError(error: unknown, dict: Dictionary, placedFields: readonly string[] = []): ErrorText {
  if (!(error instanceof ApiError)) return { message: dict.errors.UNKNOWN, fields: {} };
  const messages = dict.errors as Record<string, string>;
  const parts = [messages[error.code] ?? (error.detail || dict.errors.UNKNOWN)];
  const fields: Record<string, string[]> = {};

  if (
    (error.code === 'TOO_MANY_ATTEMPTS' || error.code === 'TOO_MANY_REQUESTS') &&
    error.retryAfterSeconds !== undefined
  ) {
    parts.push(dict.errorExtras.retryAfter(error.retryAfterSeconds));
  }
  if (error.code === 'INTERNAL' && error.errorId) parts.push(dict.errorExtras.errorId(error.errorId));

  for (const { field, messages: serverMessages } of error.fieldErrors) {
    const localized = dict.serverFields[field];
    if (placedFields.includes(field)) {
      fields[field] = localized ? [localized] : serverMessages;
    } else {
      parts.push(localized ?? serverMessages.join(' '));
    }
  }
  return { message: parts.filter(Boolean).join(' '), fields };
}
