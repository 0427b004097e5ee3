import { Controller } from '@nestjs/common';
import { CompleteVisitCommand, Subjects, VisitIdDto, type BusRequest, type VisitOutcomeView } from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../actors';
import { VisitsService } from './visits.service';

@Controller()
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @BusHandler(Subjects.consultations.completeVisit)
  complete(payload: BusRequest): Promise<VisitOutcomeView> {
    const doctor = requireDoctor(payload.actor);
    return this.visits.complete(doctor, validateInput(CompleteVisitCommand, payload.data), payload.idempotencyKey);
  }

  @BusHandler(Subjects.consultations.markNoShow)
  noShow(payload: BusRequest): Promise<VisitOutcomeView> {
    const doctor = requireDoctor(payload.actor);
    const { appointmentId } = validateInput(VisitIdDto, payload.data);
    return this.visits.noShow(doctor, appointmentId, payload.idempotencyKey);
  }
}
