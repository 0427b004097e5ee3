import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type Actor,
  type CreateSlotAlertDto,
  type ListNotificationsDto,
  type NotificationView,
  type SlotAlertIdDto,
  type SlotAlertView,
} from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import { toNotificationView, toSlotAlertView } from './alerts.dto';
import { AlertsRepository } from './alerts.repository';

/** The patient's earlier-slot alerts and notifications. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, request: CreateSlotAlertDto): Promise<SlotAlertView> {
    const now = this.clock.now();
    const until = new Date(request.until);
    if (until.getTime() <= now.getTime()) {
      throw validationFailed([{ field: 'until', messages: ['until must be in the future'] }]);
    }
    if (request.hourFrom !== undefined && request.hourTo !== undefined && request.hourTo <= request.hourFrom) {
      throw validationFailed([{ field: 'hourTo', messages: ['hourTo must be later than hourFrom'] }]);
    }
    if (!(await this.alerts.serviceExists(request.serviceId))) {
      throw validationFailed([{ field: 'serviceId', messages: ['no such service'] }]);
    }
    if (request.moveAppointmentId) {
      const appointment = await this.alerts.ownMovableAppointment(actor.id, request.moveAppointmentId, now);
      if (!appointment) throw new DomainError(ErrorCode.NOT_FOUND, 'No such upcoming visit to move.');
      if (appointment.serviceId !== request.serviceId) {
        throw validationFailed([{ field: 'serviceId', messages: ['must be the service of the visit to move'] }]);
      }
    }
    return toSlotAlertView(await this.alerts.create(actor.id, request, until, now));
  }

  async list(actor: Actor): Promise<SlotAlertView[]> {
    return (await this.alerts.listOwn(actor.id)).map(toSlotAlertView);
  }

  async delete(actor: Actor, request: SlotAlertIdDto): Promise<{ id: string; deleted: true }> {
    if (!(await this.alerts.deleteOwn(actor.id, request.id))) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No such alert.');
    }
    return { id: request.id, deleted: true };
  }

  /** The newest first; with `after`, only the ones created after it, oldest first (a resumed stream's backlog). */
  async notifications(actor: Actor, request: ListNotificationsDto): Promise<NotificationView[]> {
    const rows = request.after
      ? await this.alerts.listNotificationsAfter(actor.id, request.after)
      : await this.alerts.listNotifications(actor.id);
    return rows.map(toNotificationView);
  }
}
