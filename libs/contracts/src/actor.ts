export const Role = { PATIENT: 'patient', STAFF: 'staff', DOCTOR: 'doctor', LAB: 'lab' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const AccountLevel = { BASIC: 'basic', FULL: 'full' } as const;
export type AccountLevel = (typeof AccountLevel)[keyof typeof AccountLevel];

/** Who is asking. Decided by the gateway from a verified access token, trusted by services. */
export interface Actor {
  id: string;
  roles: Role[];
  level: AccountLevel;
}

/**
 * Every request on the bus. Services take the caller from `actor` (never from
 * `data`) and validate `data` themselves.
 */
export interface BusRequest<T = unknown> {
  actor: Actor | null;
  data: T;
  /** The client's Idempotency-Key, for requests that change state. */
  idempotencyKey?: string;
  /** The caller's IP address, where a rule depends on it (login throttling). */
  clientIp?: string;
}

/** Header names carried on NATS messages. */
export const BusHeader = {
  CORRELATION_ID: 'x-correlation-id',
} as const;
