import { AccountLevel, DomainError, ErrorCode, Role, type Actor } from '@pacjent/contracts';

/** A signed-in doctor, or FORBIDDEN. */
export function requireDoctor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
  return actor;
}

/** A signed-in patient with a confirmed (full) account: the record is clinical data. */
export function requireFullPatient(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
  if (actor.level !== AccountLevel.FULL) {
    throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to see your treatment record.');
  }
  return actor;
}

/** Anybody signed in (the service then checks what they may touch). */
export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  return actor;
}
