import { ApiError } from '../api/problem';
import { en } from './en';
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
    const localized =
      error.code === 'PASSWORD_TOO_WEAK' && field === 'password'
        ? passwordFeedback(serverMessages, dict)
        : dict.serverFields[field];
    if (placedFields.includes(field)) {
      fields[field] = localized ? [localized] : serverMessages;
    } else {
      parts.push(localized ?? serverMessages.join(' '));
    }
  }
  return { message: parts.filter(Boolean).join(' '), fields };
}

/**
 * Why a password was refused, in the UI language: the server sends zxcvbn-ts's
 * English feedback after a headline; each text is found among the library's
 * English texts (en.passwordStrength) and shown by its key in `dict`.
 */
function passwordFeedback(serverMessages: string[], dict: Dictionary): string {
  const translated = serverMessages.slice(1).map((message) => {
    for (const kind of ['warnings', 'suggestions'] as const) {
      const key = Object.keys(en.passwordStrength[kind]).find((k) => en.passwordStrength[kind][k] === message);
      if (key) return dict.passwordStrength[kind][key] ?? message;
    }
    return message;
  });
  return [dict.passwordStrength.weak, ...translated].join(' ');
}
