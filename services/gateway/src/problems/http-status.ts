import { ErrorCode } from '@pacjent/contracts';

/** The one mapping from domain error codes to HTTP statuses (API.md). */
export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.INVALID_REFRESH_TOKEN]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.VERIFICATION_REQUIRED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SLOT_NOT_FOUND]: 404,
  [ErrorCode.EMAIL_TAKEN]: 409,
  [ErrorCode.SLOT_TAKEN]: 409,
  [ErrorCode.APPOINTMENT_OVERLAP]: 409,
  [ErrorCode.NOT_CANCELLABLE]: 409,
  [ErrorCode.SLOT_IN_PAST]: 409,
  [ErrorCode.BOOKING_LIMIT_REACHED]: 422,
  [ErrorCode.REFERRAL_REQUIRED]: 422,
  [ErrorCode.OCCUPATIONAL_REFERRAL_REQUIRED]: 422,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [ErrorCode.FILE_LIMIT_REACHED]: 409,
  [ErrorCode.FILE_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_FILE_TYPE]: 415,
  [ErrorCode.TOO_MANY_ATTEMPTS]: 429,
  [ErrorCode.IDENTITY_ALREADY_USED]: 409,
  [ErrorCode.ALREADY_VERIFIED]: 409,
  [ErrorCode.CONTACT_REQUEST_RESOLVED]: 409,
  [ErrorCode.FACILITY_REQUIRED]: 422,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.SERVICE_TIMEOUT]: 504,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const titleOf = (status: number): string => TITLES[status] ?? 'Error';
