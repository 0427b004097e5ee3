import { browserSocket, RealtimeClient } from '@pacjent/realtime-client';
import { currentAccessToken, onAccessToken, refresh } from './api';

let client: RealtimeClient | null = null;
let stopReauth: (() => void) | null = null;

/** The console page's one realtime socket (`/api/realtime`), shared by the doctor's screens. */
export function realtime(): RealtimeClient {
  if (client) return client;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  client = new RealtimeClient({
    url: `${scheme}://${window.location.host}/api/realtime`,
    createSocket: browserSocket,
    getAccessToken: currentAccessToken,
    refreshAccessToken: refresh,
  });
  stopReauth = onAccessToken(() => client?.reauthenticate());
  client.start();
  return client;
}

export function closeRealtime(): void {
  client?.stop();
  client = null;
  stopReauth?.();
  stopReauth = null;
}
