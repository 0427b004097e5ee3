import { Injectable } from '@nestjs/common';
import { Subjects, type Actor, type DoctorPatientRelation } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/** Booking's answer to "does this doctor have a visit with this patient" (relations.ts). */
@Injectable()
export class VisitRelationsClient {
  constructor(private readonly bus: BusClient) {}

  async related(doctor: Actor, patientId: string): Promise<boolean> {
    const answer = await this.bus.request<DoctorPatientRelation>(Subjects.booking.doctorPatientRelation, {
      actor: doctor,
      data: { patientId },
    });
    return answer.related;
  }
}
