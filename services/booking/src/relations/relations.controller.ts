import { Controller } from '@nestjs/common';
import { DoctorPatientRelationDto, Subjects, type BusRequest, type DoctorPatientRelation } from '@pacjent/contracts';
import { BusHandler, Clock, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../appointments/patient-actor';
import { RelationsRepository } from './relations.repository';

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
