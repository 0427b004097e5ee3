import { DomainError, ErrorCode, Role, type Actor } from '@pacjent/contracts';

/** The caller of a patient-only handler: signed in, with the patient role. */
export function requirePatient(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.PATIENT)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only patients may do this.');
  return actor;
}

/** The caller of a staff-only handler (call center, front desk). */
export function requireStaff(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.STAFF)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only staff may do this.');
  return actor;
}

/** The caller of a doctor-only handler (other services asking about the doctor's own visits). */
export function requireDoctor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
  return actor;
}
