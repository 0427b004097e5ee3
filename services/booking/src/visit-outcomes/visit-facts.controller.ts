import { Controller } from '@nestjs/common';
import {
  AppointmentAccessDto,
  DomainError,
  ErrorCode,
  Subjects,
  type BusRequest,
  type DoctorVisitFacts,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../appointments/patient-actor';
import { VisitOutcomesRepository } from './visit-outcomes.repository';

/** For consultations: the facts of a visit, answered to the visit's own doctor only (anyone else: NOT_FOUND). */
@Controller()
export class VisitFactsController {
  constructor(private readonly visits: VisitOutcomesRepository) {}

  @BusHandler(Subjects.booking.doctorVisitFacts)
  async facts(payload: BusRequest): Promise<DoctorVisitFacts> {
    const actor = requireDoctor(payload.actor);
    const { appointmentId } = validateInput(AppointmentAccessDto, payload.data);
    const facts = await this.visits.facts(appointmentId, actor.id);
    if (!facts) throw new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');
    return facts;
  }
}
