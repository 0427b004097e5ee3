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

/** Planned visits soonest first; the history most recent first. */
export function sortVisits<T extends { slot: { startsAt: string } }>(
  visits: readonly T[],
  scope: 'upcoming' | 'past',
): T[] {
  const direction = scope === 'upcoming' ? 1 : -1;
  return [...visits].sort((a, b) => direction * (Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt)));
}
