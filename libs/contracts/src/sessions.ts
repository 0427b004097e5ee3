import { IsIn, IsISO8601, IsString, IsUUID } from 'class-validator';

/** Why identity ended a session (a refresh-token family) before its time. */
export const SessionEndReason = {
  LOGOUT: 'logout',
  /** A used refresh token was presented again: the family leaked. */
  REFRESH_REUSE: 'refresh_reuse',
  /** The password changed (a reset by e-mail, or the patient changed it): every other session ends. */
  PASSWORD_CHANGED: 'password_changed',
} as const;
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];

/**
 * An ended session, published by identity on `Subjects.identity.sessionRevoked`
 * and answered by `Subjects.identity.recentSessionRevocations`. Access tokens
 * whose `sid` is this session stop working on every gateway replica; `until`
 * is when the last of them would have expired anyway (the gateway forgets the
 * revocation then).
 */
export class SessionRevocation {
  @IsUUID()
  sid: string;

  @IsIn(Object.values(SessionEndReason))
  reason: SessionEndReason;

  @IsString()
  @IsISO8601({ strict: true })
  until: string;
}

export interface RecentSessionRevocations {
  revocations: SessionRevocation[];
}
