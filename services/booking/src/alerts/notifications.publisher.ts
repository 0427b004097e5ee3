import { Injectable } from '@nestjs/common';
import { Subjects, type NotificationEvent } from '@pacjent/contracts';
import type { EntityManager } from 'typeorm';
import { EventRelay } from '../events/event-relay.service';

/**
 * Announces notifications for the gateway to push to the patient's open
 * pages: written to the outbox with the change (`record`), published to
 * JetStream after the commit (`flush`). A page that misses one still finds
 * it in the notifications list.
 */
@Injectable()
export class NotificationsPublisher {
  constructor(private readonly relay: EventRelay) {}

  async record(tx: EntityManager, events: NotificationEvent[]): Promise<void> {
    if (events.length > 0) await this.relay.record(tx, Subjects.booking.notificationEvent, events);
  }

  async flush(): Promise<void> {
    await this.relay.flush();
  }
}
