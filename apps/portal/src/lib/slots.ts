import type { SlotView } from '@pacjent/contracts';
import { warsawDateKey } from './warsaw-time';

export interface SlotDay {
  /** YYYY-MM-DD in Warsaw. */
  day: string;
  slots: SlotView[];
}

/** Groups slots by their Warsaw calendar day; days and slots keep the order they came in (soonest first). */
export function groupSlotsByDay(slots: readonly SlotView[]): SlotDay[] {
  const days = new Map<string, SlotView[]>();
  for (const slot of slots) {
    const day = warsawDateKey(new Date(slot.startsAt));
    const list = days.get(day);
    if (list) list.push(slot);
    else days.set(day, [slot]);
  }
  return [...days].map(([day, list]) => ({ day, slots: list }));
}

export interface SlotDoctorGroup {
  /** Doctor, channel and facility: one row of time buttons. */
  key: string;
  slots: SlotView[];
}

/** One day's slots by doctor (and where they see the patient), in the order each first appears (soonest first). */
export function groupSlotsByDoctor(slots: readonly SlotView[]): SlotDoctorGroup[] {
  const groups = new Map<string, SlotView[]>();
  for (const slot of slots) {
    const key = `${slot.doctor.id}|${slot.channel}|${slot.facility?.id ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(slot);
    else groups.set(key, [slot]);
  }
  return [...groups].map(([key, list]) => ({ key, slots: list }));
}

/** Planned visits soonest first; the history most recent first. */
export function sortVisits<T extends { slot: { startsAt: string } }>(
  visits: readonly T[],
  scope: 'upcoming' | 'past',
): T[] {
  const direction = scope === 'upcoming' ? 1 : -1;
  return [...visits].sort((a, b) => direction * (Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt)));
}
