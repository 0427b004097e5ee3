import { Injectable } from '@nestjs/common';
import {
  Subjects,
  type Actor,
  type Channel,
  type DoctorPatientRelation,
  type DoctorProfile,
  type DoctorVisitFacts,
  type OnlineSpecialtyService,
  type ServiceView,
  type SlotView,
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

  /** The signed-in doctor as booking knows them (DOCTOR_NOT_FOUND when no doctor is linked to the account). */
  doctorProfile(doctor: Actor): Promise<DoctorProfile> {
    return this.bus.request(Subjects.booking.doctorProfile, { actor: doctor, data: {} });
  }

  onlineSpecialtyServices(): Promise<OnlineSpecialtyService[]> {
    return this.bus.request(Subjects.booking.onlineSpecialtyServices, { actor: null, data: {} });
  }

  /** Free slots of a service and channel, soonest first (booking's public search). */
  freeSlots(serviceId: string, channel: Channel, limit: number): Promise<SlotView[]> {
    return this.bus.request(Subjects.booking.searchSlots, { actor: null, data: { serviceId, channel, limit } });
  }

  async related(doctor: Actor, patientId: string): Promise<boolean> {
    const answer = await this.bus.request<DoctorPatientRelation>(Subjects.booking.doctorPatientRelation, {
      actor: doctor,
      data: { patientId },
    });
    return answer.related;
  }
}
