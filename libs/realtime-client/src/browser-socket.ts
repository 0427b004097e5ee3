import type { RealtimeSocket } from './realtime-client';

/** The browser's WebSocket behind the client's small socket interface. */
export function browserSocket(url: string): RealtimeSocket {
  const socket = new WebSocket(url);
  const adapter: RealtimeSocket = {
    get readyState() {
      return socket.readyState;
    },
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    onopen: null,
    onmessage: null,
    onclose: null,
  };
  socket.onopen = () => adapter.onopen?.();
  socket.onmessage = (event) => adapter.onmessage?.({ data: event.data });
  socket.onclose = (event) => adapter.onclose?.({ code: event.code });
  return adapter;
}
