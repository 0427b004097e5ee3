import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type Actor,
  type DoctorPatientRelation,
  type DoctorVisitFacts,
  type ServiceView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';

/** What consultations asks booking: a visit's facts, the catalog, a doctor's relation with a patient. */
@Injectable()
export class BookingClient {
  constructor(private readonly bus: BusClient) {}

  /** Fails NOT_FOUND unless `doctor` runs the appointment. */
  visitFacts(doctor: Actor, appointmentId: string): Promise<DoctorVisitFacts> {
    return this.bus.request(Subjects.booking.doctorVisitFacts, { actor: doctor, data: { appointmentId } });
  }

  services(): Promise<ServiceView[]> {
    return this.bus.request(Subjects.booking.listServices, { actor: null, data: {} });
  }

  async related(doctor: Actor, patientId: string): Promise<boolean> {
    const answer = await this.bus.request<DoctorPatientRelation>(Subjects.booking.doctorPatientRelation, {
      actor: doctor,
      data: { patientId },
    });
    return answer.related;
  }
}
