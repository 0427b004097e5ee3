import type { NotificationView } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';

/** A "slot available" notification as booking publishes it, fresh ids each time (for the hub's tests). */
export function newNotificationView(): NotificationView {
  return {
    id: randomUUID(),
    kind: 'slot_available',
    createdAt: new Date().toISOString(),
    slot: {
      id: randomUUID(),
      startsAt: '2026-12-10T09:00:00.000Z',
      endsAt: '2026-12-10T09:20:00.000Z',
      channel: 'in_person',
      service: { id: randomUUID(), name: 'Konsultacja internistyczna' },
      doctor: { id: randomUUID(), name: 'dr Anna Nowak' },
      facility: { id: randomUUID(), name: 'Przychodnia Centrum', city: 'Warszawa' },
    },
    appointmentId: null,
    alertId: randomUUID(),
    title: null,
    link: null,
  };
}
