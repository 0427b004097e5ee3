import type { CreateSlotAlertDto, NotificationView, SlotAlertView } from '@pacjent/contracts';
import { getAccessToken, refreshSession } from '../auth/session';
import { authorized } from './client';

/** Earlier-slot alerts and notifications (paths: /api/slot-alerts, /api/notifications). */
export const notificationsApi = {
  createAlert: (alert: CreateSlotAlertDto) =>
    authorized<SlotAlertView>({ method: 'POST', path: '/api/slot-alerts', body: alert }),

  list: () => authorized<NotificationView[]>({ path: '/api/notifications' }),

  /** "Moje alerty": the patient's alerts, newest first. */
  listAlerts: () => authorized<SlotAlertView[]>({ path: '/api/slot-alerts' }),

  deleteAlert: (id: string) =>
    authorized<void>({ method: 'DELETE', path: `/api/slot-alerts/${encodeURIComponent(id)}` }),

  /**
   * Follows the server-sent-event stream (fetch, so the token can go in a
   * header) and calls `onNotification` for each pushed notification until
   * `signal` aborts. After a drop it reconnects (waiting 1 s, 2 s, 4 s … at
   * most 30 s) with `Last-Event-ID`: the last notification id seen, starting
   * with `lastEventId` (say the newest of the list already shown), so the
   * server first sends what was missed meanwhile. On 401 it refreshes the
   * token once and stops when the session is over.
   */
  async follow(
    onNotification: (notification: NotificationView) => void,
    signal: AbortSignal,
    lastEventId?: string,
  ): Promise<void> {
    let lastSeen = lastEventId;
    let delay = RECONNECT_MS.first;
    let refreshed = false;
    const seen = (notification: NotificationView) => {
      lastSeen = notification.id;
      onNotification(notification);
    };
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/notifications/stream', {
          headers: {
            Authorization: `Bearer ${getAccessToken() ?? ''}`,
            Accept: 'text/event-stream',
            ...(lastSeen ? { 'Last-Event-ID': lastSeen } : {}),
          },
          credentials: 'same-origin',
          signal,
        });
        if (response.status === 401) {
          // Refresh once; a 401 right after a refresh waits like any other failure.
          if (!refreshed) {
            const outcome = await refreshSession();
            if (outcome.kind === 'rejected') return;
            refreshed = outcome.kind === 'ok';
            if (refreshed) continue;
          }
        } else if (response.ok && response.body) {
          refreshed = false;
          delay = RECONNECT_MS.first;
          await readStream(response.body, seen);
        }
      } catch {
        // dropped or aborted: retry below unless aborted
      }
      if (signal.aborted) return;
      await wait(delay, signal);
      delay = Math.min(delay * 2, RECONNECT_MS.max);
    }
  },
};

/** Reconnect backoff of the notification stream. */
const RECONNECT_MS = { first: 1000, max: 30_000 };

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

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
