import { Controller } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  ResolvePatientByPeselDto,
  Role,
  Subjects,
  type Actor,
  type BusRequest,
  type RecordPatientView,
  type ResolvedPatient,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { PatientRegistryRepository } from './patient-registry.repository';

function requireRole(actor: Actor | null, role: Role): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(role)) throw new DomainError(ErrorCode.FORBIDDEN, 'Your account may not do this.');
  return actor;
}

/**
 * Who a patient is, for the clinical record in consultations: a laboratory
 * names the patient by PESEL, and the patient's FHIR export needs the
 * confirmed name, PESEL and birth date. Only confirmed (full) accounts are
 * answered: a basic account's PESEL is only what somebody typed, and results
 * sent to it could land with a stranger.
 */
@Controller()
export class PatientRegistryController {
  constructor(private readonly registry: PatientRegistryRepository) {}

  @BusHandler(Subjects.identity.resolvePatientByPesel)
  async resolveByPesel(payload: BusRequest): Promise<ResolvedPatient> {
    requireRole(payload.actor, Role.LAB);
    const { pesel } = validateInput(ResolvePatientByPeselDto, payload.data);
    const patientId = await this.registry.confirmedAccountWithPesel(pesel);
    if (!patientId) {
      throw new DomainError(ErrorCode.PATIENT_NOT_FOUND, 'No patient with a confirmed identity has this PESEL.');
    }
    return { patientId };
  }

  @BusHandler(Subjects.identity.recordPatient)
  async recordPatient(payload: BusRequest): Promise<RecordPatientView> {
    const patient = requireRole(payload.actor, Role.PATIENT);
    if (patient.level !== AccountLevel.FULL) {
      throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to use this.');
    }
    const view = await this.registry.recordPatient(patient.id);
    if (!view) throw new DomainError(ErrorCode.NOT_FOUND, 'The account has no confirmed identity.');
    return view;
  }
}
