import type { AppointmentCalendar, Channel } from '@pacjent/contracts';
import { createEvent } from 'ics';
import type { AppointmentRow } from './appointments.dto';

const CHANNEL_NAMES: Record<Channel, string> = {
  in_person: 'wizyta w placówce',
  phone: 'teleporada (telefon)',
  video: 'wideokonsultacja',
};

/** The appointment as an iCalendar (RFC 5545) event: when, where (or how), with whom. */
export function appointmentCalendar(row: AppointmentRow): AppointmentCalendar {
  const place =
    row.facility_id === null
      ? CHANNEL_NAMES[row.channel]
      : `${row.facility_name ?? ''}, ${row.facility_address ?? row.facility_city ?? ''}`;
  const { error, value } = createEvent({
    uid: `${row.appointment_id}@pacjent`,
    productId: 'pacjent/booking',
    title: `${row.service_name} — ${row.doctor_name}`,
    description: [
      `Usługa: ${row.service_name}`,
      `Lekarz: ${row.doctor_name}`,
      `Forma: ${CHANNEL_NAMES[row.channel]}`,
    ].join('\n'),
    location: place,
    start: row.starts_at.getTime(),
    end: row.ends_at.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    endInputType: 'utc',
    endOutputType: 'utc',
    status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    // What a calendar shows as a tag: the channel in words, not its code.
    categories: [CHANNEL_NAMES[row.channel]],
  });
  if (error || !value) throw new Error(`calendar event could not be built: ${String(error)}`);
  return { filename: `wizyta-${row.starts_at.toISOString().slice(0, 10)}.ics`, content: value };
}
