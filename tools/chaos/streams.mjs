/**
 * Open notification streams for `npm run chaos` (scenario kill-gateway): one
 * patient's page each, reading GET /api/notifications/stream through the
 * front relay as a browser would — after the stream ends or breaks it waits
 * the `retry:` the server asked for (1 s by default, like EventSource) and
 * reconnects with `Last-Event-ID`, landing on whichever gateway the front
 * picks. Every `notification` event is recorded by id, so the check can say
 * what was delivered twice or never.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const DEFAULT_RETRY_MS = 1000;

/** Parses `text/event-stream` blocks: { event, id, retry, data }. */
function parseBlock(block) {
  const event = { event: 'message', data: '' };
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
    else if (field === 'retry') event.retry = Number(value);
    else if (field === 'data') event.data += value;
  }
  return event;
}

export function openStream(baseUrl, token) {
  const state = {
    received: [], // notification ids in arrival order
    connects: 0,
    breaks: 0,
    lastEventId: undefined,
    running: true,
    controller: null,
  };
  const loop = (async () => {
    let retry = DEFAULT_RETRY_MS;
    while (state.running) {
      state.controller = new AbortController();
      try {
        const response = await fetch(`${baseUrl}/api/notifications/stream`, {
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'text/event-stream',
            ...(state.lastEventId ? { 'last-event-id': state.lastEventId } : {}),
          },
          signal: state.controller.signal,
        });
        if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
        state.connects += 1;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of response.body) {
          buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (Number.isFinite(event.retry)) retry = event.retry;
            if (event.id) state.lastEventId = event.id;
            if (event.event === 'notification') state.received.push(event.id);
          }
        }
      } catch {
        // broken (the gateway killed) or refused: reconnect below
      }
      if (!state.running) break;
      state.breaks += 1;
      await sleep(retry);
    }
  })();
  return {
    state,
    async close() {
      state.running = false;
      state.controller?.abort();
      await loop;
    },
  };
}

/**
 * What each stream should have had: every notification of its patient created
 * since it opened (read from booking.notifications), each exactly once. (Order
 * is not checked: notifications committed by concurrent transactions have none.)
 */
export async function checkStreams(db, streams) {
  let expected = 0;
  let delivered = 0;
  let missing = 0;
  let duplicated = 0;
  for (const { patientId, since, stream } of streams) {
    const { rows } = await db.query(
      `SELECT id FROM booking.notifications WHERE patient_id = $1 AND created_at >= $2 ORDER BY created_at, id`,
      [patientId, since],
    );
    const wanted = rows.map((row) => row.id);
    const got = stream.state.received;
    expected += wanted.length;
    delivered += got.length;
    missing += wanted.filter((id) => !got.includes(id)).length;
    duplicated += got.length - new Set(got).size;
  }
  const reconnects = streams.reduce((sum, { stream }) => sum + stream.state.breaks, 0);
  return { expected, delivered, missing, duplicated, reconnects };
}
