import { Controller } from '@nestjs/common';
import {
  CreateSlotAlertDto,
  ListNotificationsDto,
  SlotAlertIdDto,
  Subjects,
  type BusRequest,
  type NotificationView,
  type SlotAlertView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requirePatient } from '../appointments/patient-actor';
import { AlertsService } from './alerts.service';

/** "Powiadom mnie o wcześniejszym terminie" and the notifications it produces. */
@Controller()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @BusHandler(Subjects.booking.createSlotAlert)
  create(payload: BusRequest): Promise<SlotAlertView> {
    return this.alerts.create(requirePatient(payload.actor), validateInput(CreateSlotAlertDto, payload.data));
  }

  @BusHandler(Subjects.booking.listSlotAlerts)
  list(payload: BusRequest): Promise<SlotAlertView[]> {
    return this.alerts.list(requirePatient(payload.actor));
  }

  @BusHandler(Subjects.booking.deleteSlotAlert)
  delete(payload: BusRequest): Promise<{ id: string; deleted: true }> {
    return this.alerts.delete(requirePatient(payload.actor), validateInput(SlotAlertIdDto, payload.data));
  }

  @BusHandler(Subjects.booking.listNotifications)
  notifications(payload: BusRequest): Promise<NotificationView[]> {
    return this.alerts.notifications(requirePatient(payload.actor), validateInput(ListNotificationsDto, payload.data));
  }
}
