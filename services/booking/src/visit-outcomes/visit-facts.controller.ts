import { Controller } from '@nestjs/common';
import {
  AppointmentAccessDto,
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type BusRequest,
  type DoctorVisitFacts,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { VisitOutcomesRepository } from './visit-outcomes.repository';

/** For consultations: the facts of a visit, answered to the visit's own doctor only (anyone else: NOT_FOUND). */
@Controller()
export class VisitFactsController {
  constructor(private readonly visits: VisitOutcomesRepository) {}

  @BusHandler(Subjects.booking.doctorVisitFacts)
  async facts(payload: BusRequest): Promise<DoctorVisitFacts> {
    const actor = payload.actor;
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    if (!actor.roles.includes(Role.DOCTOR)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors may do this.');
    const { appointmentId } = validateInput(AppointmentAccessDto, payload.data);
    const facts = await this.visits.facts(appointmentId, actor.id);
    if (!facts) throw new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');
    return facts;
  }
}
