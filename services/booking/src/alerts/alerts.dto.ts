import type { NotificationView, SlotAlertView } from '@pacjent/contracts';
import { toSlotView } from '../slots/slots.dto';
import type { NotificationRow } from './alerts.repository';
import type { SlotAlertEntity } from './slot-alert.entity';

export function toSlotAlertView(alert: SlotAlertEntity): SlotAlertView {
  return {
    id: alert.id,
    serviceId: alert.serviceId,
    channel: alert.channel,
    city: alert.city,
    facilityIds: alert.facilityIds,
    excludeDoctorIds: alert.excludeDoctorIds,
    hourFrom: alert.hourFrom,
    hourTo: alert.hourTo,
    until: alert.until.toISOString(),
    moveAppointmentId: alert.moveAppointmentId,
    status: alert.status,
    createdAt: alert.createdAt.toISOString(),
  };
}

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.notification_id,
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
    slot: toSlotView(row),
    appointmentId: row.appointment_id,
    alertId: row.alert_id,
  };
}
