import type { AppointmentSource, AppointmentStatus, AppointmentView } from '@pacjent/contracts';
import { toSlotView, type SlotRow } from '../slots/slots.dto';

export interface AppointmentRow extends SlotRow {
  appointment_id: string;
  status: AppointmentStatus;
  source: AppointmentSource;
  booked_at: Date;
  cancelled_at: Date | null;
  replaced_by: string | null;
}

export function toAppointmentView(row: AppointmentRow): AppointmentView {
  return {
    id: row.appointment_id,
    status: row.status,
    source: row.source,
    bookedAt: row.booked_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    replacedBy: row.replaced_by,
    slot: toSlotView(row),
  };
}
