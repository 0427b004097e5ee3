import { connect } from 'node:net';
import { Client } from 'pg';
import { ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

/** Everything a stream sends until the server ends it (or the deadline). */
async function readUntilEnd(response: Response, timeoutMs: number): Promise<{ text: string; ended: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const timeLeft = deadline - Date.now();
    if (timeLeft <= 0) {
      await reader.cancel();
      return { text, ended: false };
    }
    let timer: NodeJS.Timeout | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeLeft))),
    ]).catch(() => ({ done: true as const, value: undefined }));
    clearTimeout(timer);
    if (chunk === null) continue;
    if (chunk.done) return { text, ended: true };
    text += decoder.decode(chunk.value, { stream: true });
  }
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The gateway closed the way SIGTERM closes it (app.close() runs the same
 * hooks) while searches are held inside booking by a lock on the slots
 * table and a patient's notification stream is open.
 */
describe('graceful drain of the gateway', () => {
  let stack: Stack;
  let blocker: Client;
  let observer: Client;

  beforeAll(async () => {
    stack = await startStack();
    blocker = new Client({ connectionString: stack.database.url });
    observer = new Client({ connectionString: stack.database.url });
    await Promise.all([blocker.connect(), observer.connect()]);
  });
  afterAll(async () => {
    await blocker?.end();
    await observer?.end();
    await stack?.close();
  });

  it('finishes the requests in flight, refuses new connections and ends streams with a retry hint', async () => {
    const { client: patient } = await newPatient(stack.baseUrl);
    const stream = await fetch(`${stack.baseUrl}/api/notifications/stream`, {
      headers: { authorization: `Bearer ${patient.accessToken}`, accept: 'text/event-stream' },
    });
    expect(stream.status).toBe(200);
    const streamed = readUntilEnd(stream, 8000);

    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE booking.slots IN ACCESS EXCLUSIVE MODE');
    const anonymous = new ApiClient(stack.baseUrl);
    const searches = Array.from({ length: 4 }, () => anonymous.get('/api/slots?limit=1').then((r) => r.status));
    await waitUntil('the searches wait inside booking', async () => {
      const result = await observer.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return result.rows[0]!.n === 4;
    });

    const port = Number(new URL(stack.baseUrl).port);
    let closed = false;
    const closing = stack.gateway.close().then(() => {
      closed = true;
    });
    try {
      await waitUntil('the gateway refuses new connections', () => refusesConnections(port));
      const { text, ended } = await streamed;
      expect(ended).toBe(true);
      expect(text).toMatch(/^event: reconnect\n(.*\n)*retry: 1000$/m);
      expect(closed).toBe(false);
    } finally {
      await blocker.query('COMMIT');
    }
    expect(await Promise.all(searches)).toEqual([200, 200, 200, 200]);
    await closing;
    expect(closed).toBe(true);
  });
});
