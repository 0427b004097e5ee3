import { Controller } from '@nestjs/common';
import {
  DoctorPatientRelationDto,
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type Actor,
  type BusRequest,
  type DoctorPatientRelation,
} from '@pacjent/contracts';
import { BusHandler, Clock, validateInput } from '@pacjent/platform';
import { RelationsRepository } from './relations.repository';

function requireDoctor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
  if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
  return actor;
}

/** For other services: does the asking doctor have a visit relation with a patient (see relations.ts)? */
@Controller()
export class RelationsController {
  constructor(
    private readonly relations: RelationsRepository,
    private readonly clock: Clock,
  ) {}

  @BusHandler(Subjects.booking.doctorPatientRelation)
  async doctorPatient(payload: BusRequest): Promise<DoctorPatientRelation> {
    const doctor = requireDoctor(payload.actor);
    const { patientId } = validateInput(DoctorPatientRelationDto, payload.data);
    return { related: await this.relations.hasVisitRelation(doctor.id, patientId, this.clock.now()) };
  }
}
