/**
 * Stable error codes shared by every service and the gateway. A code never
 * changes meaning; clients (and tests) match on it. The gateway owns the one
 * mapping from code to HTTP status.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  FORBIDDEN: 'FORBIDDEN',
  VERIFICATION_REQUIRED: 'VERIFICATION_REQUIRED',
  NOT_FOUND: 'NOT_FOUND',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  SLOT_TAKEN: 'SLOT_TAKEN',
  SLOT_NOT_FOUND: 'SLOT_NOT_FOUND',
  SLOT_IN_PAST: 'SLOT_IN_PAST',
  APPOINTMENT_OVERLAP: 'APPOINTMENT_OVERLAP',
  BOOKING_LIMIT_REACHED: 'BOOKING_LIMIT_REACHED',
  REFERRAL_REQUIRED: 'REFERRAL_REQUIRED',
  OCCUPATIONAL_REFERRAL_REQUIRED: 'OCCUPATIONAL_REFERRAL_REQUIRED',
  NOT_CANCELLABLE: 'NOT_CANCELLABLE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  FILE_LIMIT_REACHED: 'FILE_LIMIT_REACHED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  SERVICE_TIMEOUT: 'SERVICE_TIMEOUT',
  IDENTITY_ALREADY_USED: 'IDENTITY_ALREADY_USED',
  ALREADY_VERIFIED: 'ALREADY_VERIFIED',
  FACILITY_REQUIRED: 'FACILITY_REQUIRED',
  CONTACT_REQUEST_RESOLVED: 'CONTACT_REQUEST_RESOLVED',
  DOCTOR_NOT_FOUND: 'DOCTOR_NOT_FOUND',
  SERVICE_NOT_FOUND: 'SERVICE_NOT_FOUND',
  FACILITY_NOT_FOUND: 'FACILITY_NOT_FOUND',
  SCHEDULE_NOT_FOUND: 'SCHEDULE_NOT_FOUND',
  SERVICE_NOT_OFFERED: 'SERVICE_NOT_OFFERED',
  CHANNEL_NOT_SUPPORTED: 'CHANNEL_NOT_SUPPORTED',
  SCHEDULE_FACILITY_MISMATCH: 'SCHEDULE_FACILITY_MISMATCH',
  SCHEDULE_HOURS_INVALID: 'SCHEDULE_HOURS_INVALID',
  SCHEDULE_OVERLAP: 'SCHEDULE_OVERLAP',
  INTERNAL: 'INTERNAL',
  /** A new password is on a common/breached list or has too little variety (field error `password`). */
  PASSWORD_TOO_WEAK: 'PASSWORD_TOO_WEAK',
  PATIENT_NOT_FOUND: 'PATIENT_NOT_FOUND',
  /** Too many requests of one kind from one client or account (the gateway's rate limits); retryAfterSeconds says when. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  PRESCRIPTION_VALIDITY_INVALID: 'PRESCRIPTION_VALIDITY_INVALID',
  RENEWAL_NOT_ALLOWED: 'RENEWAL_NOT_ALLOWED',
  RENEWAL_ALREADY_PENDING: 'RENEWAL_ALREADY_PENDING',
  RENEWAL_LIMIT_REACHED: 'RENEWAL_LIMIT_REACHED',
  RENEWAL_ALREADY_DECIDED: 'RENEWAL_ALREADY_DECIDED',
  VISIT_NOT_STARTED: 'VISIT_NOT_STARTED',
  VISIT_ALREADY_COMPLETED: 'VISIT_ALREADY_COMPLETED',
  VISIT_NOT_COMPLETABLE: 'VISIT_NOT_COMPLETABLE',
  UNKNOWN_DIAGNOSIS: 'UNKNOWN_DIAGNOSIS',
  QUESTION_WINDOW_CLOSED: 'QUESTION_WINDOW_CLOSED',
  QUESTION_LIMIT_REACHED: 'QUESTION_LIMIT_REACHED',
  QUESTION_ALREADY_ANSWERED: 'QUESTION_ALREADY_ANSWERED',
  /** The patient already waits in, or talks in, an online consultation. */
  ONLINE_CONSULTATION_OPEN: 'ONLINE_CONSULTATION_OPEN',
  /** Nobody is on duty for that specialty and form now (see the fallback slots). */
  NO_DOCTOR_ON_DUTY: 'NO_DOCTOR_ON_DUTY',
  /** No specialty of this name offers online consultations in that form, or it is not the doctor's. */
  SPECIALTY_NOT_OFFERED: 'SPECIALTY_NOT_OFFERED',
  /** Take next: nobody waits for the doctor's specialties and forms. */
  ONLINE_QUEUE_EMPTY: 'ONLINE_QUEUE_EMPTY',
  /** Take next while off duty. */
  NOT_ON_DUTY: 'NOT_ON_DUTY',
  /** The consultation is not in the state the action needs (chat after the end, end while waiting, …). */
  ONLINE_CONSULTATION_CLOSED: 'ONLINE_CONSULTATION_CLOSED',
  /** A file shared in an online consultation was deleted by the patient or expired since (ADR 0019). */
  SHARED_FILE_GONE: 'SHARED_FILE_GONE',
  /** A password-reset link that is unknown, used, superseded or expired. */
  RESET_TOKEN_INVALID: 'RESET_TOKEN_INVALID',
  /** Changing the password: the current one given is wrong (field error `currentPassword`). */
  WRONG_PASSWORD: 'WRONG_PASSWORD',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What travels over the bus (and, shaped as problem+json, over HTTP) when a request fails. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Extra machine-readable facts, e.g. the offending fields or `retryAfterSeconds`. */
  details?: Record<string, unknown>;
  /** Set for INTERNAL errors: the id under which the failure was logged. */
  errorId?: string;
}

/** A typed failure with a stable code. Services throw it; the gateway maps it to HTTP. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  static isPayload(value: unknown): value is ErrorPayload {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as ErrorPayload).code === 'string' &&
      typeof (value as ErrorPayload).message === 'string'
    );
  }
}
