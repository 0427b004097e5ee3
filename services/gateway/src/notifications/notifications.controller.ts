import { Controller, Get, Headers, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role, Subjects, type Actor, type NotificationView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { interval, map, merge, type Observable } from 'rxjs';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { GatewayDrain } from '../health/gateway-drain';
import { NotificationsFeed } from './notifications.feed';

const KEEPALIVE_MS = 25_000;

/** The bell: the list, and a server-sent-event stream of new notifications (no polling). */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly bus: BusClient,
    private readonly feed: NotificationsFeed,
    private readonly drain: GatewayDrain,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Your notifications, newest first' })
  list(@CurrentActor() actor: Actor): Promise<NotificationView[]> {
    return this.bus.request(Subjects.booking.listNotifications, { actor, data: {} });
  }

  /**
   * `text/event-stream`: one `notification` event (id = notification id) per
   * new notification, a `ping` every 25 s so proxies keep the connection.
   * Open it with fetch and the Authorization header (EventSource cannot send
   * one); after a drop, reconnect with `Last-Event-ID` to get what was missed
   * first. When the gateway shuts down the stream ends with a `reconnect`
   * event whose `retry:` field says when to reconnect (to another gateway).
   */
  @Sse('stream')
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The last notification id received: the ones created after it are sent first',
  })
  stream(@CurrentActor() actor: Actor, @Headers('last-event-id') lastEventId?: string): Observable<MessageEvent> {
    return this.drain.endOnDrain(
      merge(
        this.feed
          .follow(actor, lastEventId)
          .pipe(map((notification) => ({ type: 'notification', id: notification.id, data: notification }))),
        interval(KEEPALIVE_MS).pipe(map(() => ({ type: 'ping', data: {} }))),
      ),
    );
  }
}
