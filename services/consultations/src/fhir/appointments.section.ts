import { Injectable } from '@nestjs/common';
import type { Appointment, Resource } from '@medplum/fhirtypes';
import { Subjects, type AppointmentScope, type AppointmentView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { ExportContext, RecordSection } from './record-section';

const STATUS: Record<AppointmentView['status'], Appointment['status']> = {
  booked: 'booked',
  cancelled: 'cancelled',
  completed: 'fulfilled',
  no_show: 'noshow',
};
const CHANNEL: Record<AppointmentView['slot']['channel'], string> = {
  in_person: 'wizyta w placówce',
  phone: 'teleporada',
  video: 'wideoporada',
};

/** An Appointment per visit the patient booked, past and upcoming, from booking (which owns them). */
@Injectable()
export class AppointmentsSection implements RecordSection {
  readonly name = 'appointments';

  constructor(private readonly bus: BusClient) {}

  async resources(context: ExportContext): Promise<Resource[]> {
    const scopes: AppointmentScope[] = ['past', 'upcoming'];
    const lists = await Promise.all(
      scopes.map((scope) =>
        this.bus.request<AppointmentView[]>(Subjects.booking.listAppointments, {
          actor: context.actor,
          data: { scope },
        }),
      ),
    );
    const seen = new Set<string>();
    return lists
      .flat()
      .filter((view) => !seen.has(view.id) && seen.add(view.id))
      .map((view) => toAppointment(view, context.patientReference));
  }
}

function toAppointment(view: AppointmentView, patient: string): Appointment {
  const { slot } = view;
  const place = slot.facility ? `, ${slot.facility.name}, ${slot.facility.city}` : '';
  return {
    resourceType: 'Appointment',
    id: view.id,
    status: STATUS[view.status],
    serviceType: [{ text: slot.service.name }],
    description: `${slot.service.name} (${CHANNEL[slot.channel]}${place})`,
    start: slot.startsAt,
    end: slot.endsAt,
    created: view.bookedAt.slice(0, 10),
    participant: [
      { actor: { reference: patient }, status: 'accepted' },
      { actor: { display: slot.doctor.name }, status: 'accepted' },
    ],
  };
}
