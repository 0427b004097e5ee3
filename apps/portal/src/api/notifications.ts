import type { CreateSlotAlertDto, NotificationView, SlotAlertView } from '@pacjent/contracts';
import { getAccessToken, refreshSession } from '../auth/session';
import { authorized } from './client';

/** Earlier-slot alerts and notifications (paths: /api/slot-alerts, /api/notifications). */
export const notificationsApi = {
  createAlert: (alert: CreateSlotAlertDto) =>
    authorized<SlotAlertView>({ method: 'POST', path: '/api/slot-alerts', body: alert }),

  list: () => authorized<NotificationView[]>({ path: '/api/notifications' }),

  /**
   * Follows the server-sent-event stream (fetch, so the token can go in a
   * header) and calls `onNotification` for each pushed notification until
   * `signal` aborts; reconnects after a drop, refreshing the token on 401.
   */
  async follow(onNotification: (notification: NotificationView) => void, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/notifications/stream', {
          headers: { Authorization: `Bearer ${getAccessToken() ?? ''}`, Accept: 'text/event-stream' },
          credentials: 'same-origin',
          signal,
        });
        if (response.status === 401) {
          if ((await refreshSession()).kind !== 'ok') return;
          continue;
        }
        if (response.ok && response.body) await readStream(response.body, onNotification);
      } catch {
        // dropped or aborted: retry below unless aborted
      }
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  },
};

async function readStream(body: ReadableStream<Uint8Array>, onNotification: (n: NotificationView) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1];
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      if (event === 'notification' && data) onNotification(JSON.parse(data) as NotificationView);
    }
  }
}
