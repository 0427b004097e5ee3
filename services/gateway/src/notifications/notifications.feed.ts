import { Injectable, Logger } from '@nestjs/common';
import {
  NOTIFICATIONS_PAGE_SIZE,
  Subjects,
  type Actor,
  type ListNotificationsDto,
  type NotificationView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { isUUID } from 'class-validator';
import { Observable } from 'rxjs';
import { NotificationsHub } from './notifications.hub';

/**
 * What one open page receives: the live notifications of its patient and,
 * when it comes back with `Last-Event-ID`, first the ones it missed — without
 * a gap and without duplicates.
 */
@Injectable()
export class NotificationsFeed {
  private readonly logger = new Logger(NotificationsFeed.name);

  constructor(
    private readonly bus: BusClient,
    private readonly hub: NotificationsHub,
  ) {}

  /**
   * Live notifications; with a `lastEventId` (a notification id; anything
   * else is ignored), the ones created after it come first. The live feed is
   * followed (and buffered) before the backlog is asked for, so nothing
   * created in between is lost; an id already sent is not sent again.
   */
  follow(actor: Actor, lastEventId: string | undefined): Observable<NotificationView> {
    const live = this.hub.of(actor.id);
    if (typeof lastEventId !== 'string' || !isUUID(lastEventId)) return live;
    return new Observable<NotificationView>((subscriber) => {
      const sent = new Set<string>();
      let buffered: NotificationView[] | null = [];
      const send = (notification: NotificationView) => {
        if (sent.has(notification.id)) return;
        sent.add(notification.id);
        subscriber.next(notification);
      };
      const following = live.subscribe({
        // After the catch-up only a backlog id can come again, so the set stops growing there.
        next: (notification) => {
          if (buffered) buffered.push(notification);
          else if (!sent.has(notification.id)) subscriber.next(notification);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      void this.missedAfter(actor, lastEventId).then((missed) => {
        const waiting = buffered ?? [];
        buffered = null;
        for (const notification of [...missed, ...waiting]) send(notification);
      });
      return () => following.unsubscribe();
    });
  }

  /**
   * Every notification of the patient created after `after`, oldest first,
   * read page by page (each page asks after the last one of the previous);
   * what was read so far when booking stops answering.
   */
  private async missedAfter(actor: Actor, after: string): Promise<NotificationView[]> {
    const missed: NotificationView[] = [];
    let cursor = after;
    try {
      for (;;) {
        const data: ListNotificationsDto = { after: cursor };
        const page = await this.bus.request<NotificationView[]>(Subjects.booking.listNotifications, { actor, data });
        missed.push(...page);
        if (page.length < NOTIFICATIONS_PAGE_SIZE) return missed;
        cursor = page[page.length - 1]!.id;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not list every missed notification; sending the rest live only');
      return missed;
    }
  }
}
