import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Subjects, type NotificationEvent } from '@pacjent/contracts';
import { busSubject, PlatformConfig } from '@pacjent/platform';
import { connect, JSONCodec, type NatsConnection } from 'nats';

const codec = JSONCodec<NotificationEvent>();

/**
 * Announces notifications on the bus after their transaction commits, for the
 * gateway to push to the patient's open pages. Fire-and-forget: a page that
 * misses one still finds it in the notifications list.
 */
@Injectable()
export class NotificationsPublisher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsPublisher.name);
  private connection: NatsConnection | null = null;

  constructor(private readonly config: PlatformConfig) {}

  async onModuleInit(): Promise<void> {
    this.connection = await connect({
      servers: this.config.NATS_URL,
      name: `booking-events-${this.config.INSTANCE_ID}`,
      maxReconnectAttempts: -1,
    });
  }

  publish(events: NotificationEvent[]): void {
    for (const event of events) {
      try {
        this.connection?.publish(busSubject(Subjects.booking.notificationEvent), codec.encode(event));
      } catch (error) {
        this.logger.warn({ err: error }, 'notification not published');
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }
}
