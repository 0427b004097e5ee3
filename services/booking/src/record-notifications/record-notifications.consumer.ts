import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  EventStreams,
  QuestionAnsweredEvent,
  RenewalDecidedEvent,
  ResultAvailableEvent,
  Subjects,
  type NotificationKind,
} from '@pacjent/contracts';
import { Clock, DurableEventConsumer, PlatformConfig, natsConnectionOptions, validateInput } from '@pacjent/platform';
import type { JsMsg } from 'nats';
import { DataSource } from 'typeorm';
import { AlertsRepository } from '../alerts/alerts.repository';
import { toNotificationView } from '../alerts/alerts.dto';
import { NotificationsPublisher } from '../alerts/notifications.publisher';

/** What booking makes of one consultations event: the patient's notification. */
export interface RecordNotification {
  eventId: string;
  patientId: string;
  kind: NotificationKind;
  title: string;
  link: string;
  appointmentId: string | null;
}

/**
 * The bell for the treatment record (ADR 0006): consultations publishes
 * ResultAvailableEvent and QuestionAnsweredEvent through its outbox, and
 * prescriptions RenewalDecidedEvent through its own (ADR 0017); booking
 * reads them with durable consumers and writes the patient's notification
 * and its NotificationEvent (booking's outbox) in one transaction, so the
 * existing path pushes it to the patient's open pages. The event's id (the
 * outbox id, JetStream's message id) is unique among notifications: a
 * redelivered event makes nothing new.
 */
@Injectable()
export class RecordNotificationsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordNotificationsConsumer.name);
  private readonly consumers: DurableEventConsumer[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    private readonly publisher: NotificationsPublisher,
    private readonly clock: Clock,
    config: PlatformConfig,
  ) {
    this.consumers = [
      new DurableEventConsumer({
        nats: natsConnectionOptions(config, 'booking-result-notifications'),
        stream: EventStreams.consultations,
        service: 'consultations',
        replicas: config.JETSTREAM_REPLICAS,
        durable: 'booking-result-notifications',
        subject: Subjects.consultations.resultAvailableEvent,
        handle: (payload, message) => this.handle(() => resultNotification(eventIdOf(message), payload)),
      }),
      new DurableEventConsumer({
        nats: natsConnectionOptions(config, 'booking-answer-notifications'),
        stream: EventStreams.consultations,
        service: 'consultations',
        replicas: config.JETSTREAM_REPLICAS,
        durable: 'booking-answer-notifications',
        subject: Subjects.consultations.questionAnsweredEvent,
        handle: (payload, message) => this.handle(() => answerNotification(eventIdOf(message), payload)),
      }),
      new DurableEventConsumer({
        nats: natsConnectionOptions(config, 'booking-renewal-notifications'),
        stream: EventStreams.prescriptions,
        service: 'prescriptions',
        replicas: config.JETSTREAM_REPLICAS,
        durable: 'booking-renewal-notifications',
        subject: Subjects.prescriptions.renewalDecidedEvent,
        handle: (payload, message) => this.handle(() => renewalNotification(eventIdOf(message), payload)),
      }),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  /**
   * An event that is not valid now never will be: it is logged (field names,
   * not values) and acknowledged, not delivered again forever. A failure to
   * store throws, so the event comes again.
   */
  private async handle(read: () => RecordNotification): Promise<void> {
    let notification: RecordNotification;
    try {
      notification = read();
    } catch (error) {
      const errors = (error as { details?: { errors?: Array<{ field: string }> } }).details?.errors;
      this.logger.error({ invalid: errors?.map((e) => e.field) ?? 'invalid' }, 'invalid record event dropped');
      return;
    }
    await this.notify(notification);
  }

  /** Stores the notification with its outbox event (once per event id), then publishes it. */
  async notify(notification: RecordNotification): Promise<boolean> {
    const created = await this.dataSource.transaction(async (tx) => {
      const row = await this.alerts.addRecordNotification(tx, notification, this.clock.now());
      if (!row) return false;
      await this.publisher.record(tx, [{ patientId: notification.patientId, notification: toNotificationView(row) }]);
      return true;
    });
    if (created) void this.publisher.flush();
    this.logger.log({ eventId: notification.eventId, kind: notification.kind, created }, 'record notification');
    return created;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }
}

/** The event's id: the publisher's outbox id, sent as JetStream's message id. */
function eventIdOf(message: JsMsg): string {
  const id = message.headers?.get('Nats-Msg-Id');
  if (!id) throw new Error('The event has no message id.');
  return id;
}

export function resultNotification(eventId: string, payload: unknown): RecordNotification {
  const event = validateInput(ResultAvailableEvent, payload);
  return {
    eventId,
    patientId: event.patientId,
    kind: 'result_available',
    title: event.title,
    link: `/results?report=${encodeURIComponent(event.reportId)}`,
    appointmentId: null,
  };
}

export function answerNotification(eventId: string, payload: unknown): RecordNotification {
  const event = validateInput(QuestionAnsweredEvent, payload);
  return {
    eventId,
    patientId: event.patientId,
    kind: 'question_answered',
    title: event.title,
    link: `/record?visit=${encodeURIComponent(event.appointmentId)}`,
    appointmentId: event.appointmentId,
  };
}

export function renewalNotification(eventId: string, payload: unknown): RecordNotification {
  const event = validateInput(RenewalDecidedEvent, payload);
  return {
    eventId,
    patientId: event.patientId,
    kind: event.status === 'approved' ? 'renewal_approved' : 'renewal_declined',
    title: event.title,
    link: '/medicines',
    appointmentId: null,
  };
}
