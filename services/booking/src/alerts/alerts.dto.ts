import type { NotificationView, SlotAlertView } from '@pacjent/contracts';
import { toSlotView, type SlotRow } from '../slots/slots.dto';
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
    slot: row.slot_id === null ? null : toSlotView(row as SlotRow),
    appointmentId: row.appointment_id,
    alertId: row.alert_id,
    title: row.title,
    link: row.link,
  };
}
