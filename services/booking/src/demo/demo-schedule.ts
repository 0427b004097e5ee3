import type { Channel, ServiceKind } from '@pacjent/contracts';
import type { NewService } from '../catalog/catalog.repository';
import { DEMO_SERVICES } from './demo-catalog';
import { DEMO_DOCTORS, type DemoDoctor, type Weekday } from './demo-doctors';

/** One stretch of a doctor's working week, cut into slots of `minutes` each (Warsaw time). */
export interface ScheduleBlock {
  doctor: string;
  service: string;
  /** Null for phone and video. */
  facility: string | null;
  channel: Channel;
  weekday: Weekday;
  /** HH:MM */
  start: string;
  /** HH:MM; the last slot ends at or before it. */
  end: string;
  minutes: number;
}

const SHIFT_MINUTES: Record<DemoDoctor['shift'], readonly [number, number]> = {
  morning: [8 * 60, 13 * 60],
  afternoon: [13 * 60, 18 * 60],
};
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5];

export function slotMinutes(kind: ServiceKind): number {
  switch (kind) {
    case 'consultation':
    case 'test':
      return 20;
    case 'procedure':
    case 'rehabilitation':
    case 'occupational':
      return 30;
  }
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The demo week: each doctor works one shift a day, Monday to Friday, in the
 * facility (the shift shared between their services) or, on their remote
 * days, on the phone or video with their first service.
 */
export function demoScheduleBlocks(
  doctors: DemoDoctor[] = DEMO_DOCTORS,
  services: NewService[] = DEMO_SERVICES,
): ScheduleBlock[] {
  const serviceByName = new Map(services.map((service) => [service.name, service]));
  const kindOf = (name: string): ServiceKind => {
    const service = serviceByName.get(name);
    if (!service) throw new Error(`demo doctor offers an unknown service: ${name}`);
    return service.kind;
  };
  return doctors.flatMap((doctor) => {
    const [shiftStart, shiftEnd] = SHIFT_MINUTES[doctor.shift];
    return WEEKDAYS.flatMap((weekday): ScheduleBlock[] => {
      const remote = doctor.remote?.[weekday];
      const first = doctor.services[0]!;
      if (remote) {
        const base = { doctor: doctor.name, service: first, facility: null, channel: remote, weekday };
        return [{ ...base, start: hhmm(shiftStart), end: hhmm(shiftEnd), minutes: slotMinutes(kindOf(first)) }];
      }
      const share = Math.floor((shiftEnd - shiftStart) / doctor.services.length / 10) * 10;
      return doctor.services.map((service, index) => ({
        doctor: doctor.name,
        service,
        facility: doctor.facility,
        channel: 'in_person' as const,
        weekday,
        start: hhmm(shiftStart + index * share),
        end: hhmm(shiftStart + (index + 1) * share),
        minutes: slotMinutes(kindOf(service)),
      }));
    });
  });
}
