import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Subjects, type NotificationEvent, type NotificationView } from '@pacjent/contracts';
import { busSubject } from '@pacjent/platform';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { filter, map, Subject, type Observable } from 'rxjs';
import { GatewayConfig } from '../config';

const codec = JSONCodec<NotificationEvent>();

/**
 * Listens to booking's notification events on NATS (every gateway replica
 * gets each one: a plain subscription, not a queue group) and hands each to
 * the open streams of its patient.
 */
@Injectable()
export class NotificationsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsHub.name);
  private readonly events = new Subject<NotificationEvent>();
  private connection: NatsConnection | null = null;

  constructor(private readonly config: GatewayConfig) {}

  async onModuleInit(): Promise<void> {
    this.connection = await connect({
      servers: this.config.NATS_URL,
      name: `gateway-notifications-${this.config.INSTANCE_ID}`,
      maxReconnectAttempts: -1,
    });
    const subscription = this.connection.subscribe(busSubject(Subjects.booking.notificationEvent));
    void (async () => {
      for await (const message of subscription) {
        try {
          this.events.next(codec.decode(message.data));
        } catch (error) {
          this.logger.warn({ err: error }, 'unreadable notification event');
        }
      }
    })();
  }

  /** The notifications of one patient, as they happen. */
  of(patientId: string): Observable<NotificationView> {
    return this.events.pipe(
      filter((event) => event.patientId === patientId),
      map((event) => event.notification),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.events.complete();
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }
}
