/**
 * Turns an HTTP failure into one typed error. The gateway answers
 * application/problem+json `{status, title, detail, code, errors?, errorId?,
 * retryAfterSeconds?}`; anything else (a proxy's HTML page, no network) gets
 * a code from its status so the UI always has a code to explain.
 */
export interface FieldError {
  field: string;
  messages: string[];
}

/** Codes the browser itself produces: the server was not reached or said nothing usable. */
export type ClientErrorCode = 'NETWORK' | 'UNKNOWN';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly retryAfterSeconds?: number,
    readonly errorId?: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

export function networkError(detail: string): ApiError {
  return new ApiError(0, 'NETWORK', detail);
}

export function problemToApiError(status: number, body: unknown, retryAfterHeader: string | null, now: Date): ApiError {
  const problem = isRecord(body) ? body : {};
  const code = typeof problem.code === 'string' && problem.code ? problem.code : codeOfStatus(status);
  const detail =
    typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : '';
  const retryAfter =
    typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : parseRetryAfter(retryAfterHeader, now);
  const errorId = typeof problem.errorId === 'string' ? problem.errorId : undefined;
  return new ApiError(status, code, detail, parseFieldErrors(problem.errors), retryAfter, errorId);
}

function codeOfStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'TOO_MANY_ATTEMPTS';
  if (status === 502 || status === 503) return 'SERVICE_UNAVAILABLE';
  if (status === 504) return 'SERVICE_TIMEOUT';
  if (status >= 500) return 'INTERNAL';
  return 'UNKNOWN';
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((entry) => ({
    field: typeof entry.field === 'string' ? entry.field : '',
    messages: Array.isArray(entry.messages) ? entry.messages.filter((m): m is string => typeof m === 'string') : [],
  }));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
