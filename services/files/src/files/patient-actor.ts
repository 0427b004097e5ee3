import { DomainError, ErrorCode, Role, type Actor } from '@pacjent/contracts';

/** The caller of a patient-only handler: signed in, with the patient role. */
export function requirePatient(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
  return actor;
}

/** Any signed-in caller; the handler's service decides what the role may do. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  return actor;
}

/** The caller of a laboratory-only handler (lab PDFs of results). */
export function requireLab(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.LAB)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only laboratories may do this.');
  return actor;
}

/** The caller of a staff-only handler (the console's patient card). */
export function requireStaff(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.STAFF)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only staff may do this.');
  return actor;
}
