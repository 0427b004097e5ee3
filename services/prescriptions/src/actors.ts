import { AccountLevel, DomainError, ErrorCode, Role, type Actor } from '@pacjent/contracts';

/** The caller must be signed in with role `doctor`. */
export function requireDoctor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
  return actor;
}

/** The caller must be a patient with a confirmed (full) account: prescriptions are clinical data. */
export function requireFullPatient(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
  if (actor.level !== AccountLevel.FULL) {
    throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to see your prescriptions.');
  }
  return actor;
}

export const notFound = (what: string) => new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`);
