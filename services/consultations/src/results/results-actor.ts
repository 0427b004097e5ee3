import { AccountLevel, DomainError, ErrorCode, Role, type Actor } from '@pacjent/contracts';

/** A patient reading their own record: signed in, the patient role, a confirmed (full) account. */
export function requireFullPatient(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
  if (actor.level !== AccountLevel.FULL) {
    throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to see your results.');
  }
  return actor;
}

/** A laboratory posting results. */
export function requireLab(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.LAB)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only laboratories may do this.');
  return actor;
}
