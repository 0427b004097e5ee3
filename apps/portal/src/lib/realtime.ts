import { browserSocket, RealtimeClient } from '@pacjent/realtime-client';
import { getAccessToken, onAccessToken, refreshSession } from '../auth/session';

let client: RealtimeClient | null = null;
let stopReauth: (() => void) | null = null;

/** The page's one realtime socket (`/api/realtime`), opened on first use and shared by every screen. */
export function realtime(): RealtimeClient {
  if (client) return client;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  client = new RealtimeClient({
    url: `${scheme}://${window.location.host}/api/realtime`,
    createSocket: browserSocket,
    getAccessToken,
    refreshAccessToken: async () => (await refreshSession()).kind === 'ok',
  });
  stopReauth = onAccessToken(() => client?.reauthenticate());
  client.start();
  return client;
}

/** Logout: the socket must not outlive the session. */
export function closeRealtime(): void {
  client?.stop();
  client = null;
  stopReauth?.();
  stopReauth = null;
}
