import { DomainError, ErrorCode } from '@pacjent/contracts';

/** Socket errors of a connection to the S3 server that is refused, reset, cut or times out. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** The SDK's own names for a request that got no answer in time (its request handler's timeouts). */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
/**
 * The same, in words: Node says some without a code ("socket hang up"), and
 * the SDK's retry middleware rewraps an error that is not `instanceof Error`
 * (one from another realm, as under Jest) as "AWS SDK error wrapper for
 * <error>", keeping nothing but this text.
 */
const UNREACHABLE_WORDS = new RegExp(
  `\\b(${[...SOCKET_CODES, ...TIMEOUT_NAMES].join('|')})\\b|socket hang up|Client network socket disconnected`,
);

/**
 * Whether a storage call failed because the S3 server could not be reached
 * or could not serve (down, restarting, network cut, its own 5xx) rather than
 * because of the request (no such key, access denied): such a failure is
 * retriable and answered as SERVICE_UNAVAILABLE. The AWS SDK throws the
 * socket's own error for network failures and an S3ServiceException with
 * `$metadata.httpStatusCode` (and `$fault: 'server'`) for an answer.
 */
export function isStorageUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, name, message, $fault, $metadata } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  if (typeof name === 'string' && TIMEOUT_NAMES.has(name)) return true;
  if (typeof message === 'string' && UNREACHABLE_WORDS.test(message)) return true;
  const status = $metadata?.httpStatusCode;
  if (typeof status === 'number') return status >= 500;
  return $fault === 'server';
}

/** The one answer for a storage outage: retriable, with a code. */
export function storageUnavailable(): DomainError {
  return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'File storage is not available right now; try again.', {
    service: 'storage',
  });
}
