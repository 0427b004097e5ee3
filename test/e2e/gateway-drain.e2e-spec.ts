import { RealtimeCloseCode } from '@pacjent/contracts';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Client } from 'pg';
import { ApiClient, newPatient } from '../support/http';
import { RealtimeClient } from '../support/realtime';
import { startStack, type Stack } from '../support/stack';

interface OpenStream {
  status: number;
  /** Everything the stream sent so far. */
  text(): string;
  /** The server ended the stream. */
  ended: Promise<unknown>;
  /** The stream's TCP connection closed. */
  connectionClosed: Promise<unknown>;
}

/**
 * A stream read the way a browser holds it: through a keep-alive agent that
 * keeps the connection, idle, after the stream ends (fetch drops an idle
 * connection after 4 s, browsers after minutes), so only the server's
 * closing it ends it.
 */
function openStream(url: string, headers: Record<string, string>, agent: Agent): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      resolve({
        status: response.statusCode ?? 0,
        text: () => text,
        ended: once(response, 'end'),
        connectionClosed: once(response.socket, 'close'),
      });
    }).once('error', reject);
  });
}

/** A page that opens a WebSocket and then answers nothing, not even the gateway's close frame. */
async function openSilentSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const upgrade = [
    'GET /api/realtime HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
  ];
  socket.write(`${upgrade.join('\r\n')}\r\n\r\n`);
  const [head] = (await once(socket, 'data')) as [Buffer];
  expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
  return socket;
}

/** Whether the promise settles within `ms`. */
async function within(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    promise.then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return settled;
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
 * table and a patient's notification stream and WebSocket are open.
 */
describe('graceful drain of the gateway', () => {
  let stack: Stack;
  let blocker: Client;
  let observer: Client;
  const keepAlive = new Agent({ keepAlive: true });
  let closing: Promise<void> | undefined;

  beforeAll(async () => {
    stack = await startStack();
    blocker = new Client({ connectionString: stack.database.url });
    observer = new Client({ connectionString: stack.database.url });
    await Promise.all([blocker.connect(), observer.connect()]);
  });
  afterAll(async () => {
    keepAlive.destroy(); // lets a close that waits for an idle connection finish (before stack.close() closes again)
    await closing;
    await blocker?.end();
    await observer?.end();
    await stack?.close();
  });

  it('finishes the requests in flight, refuses new connections, ends streams with a retry hint and exits at once', async () => {
    const { client: patient } = await newPatient(stack.baseUrl);
    const stream = await openStream(
      `${stack.baseUrl}/api/notifications/stream`,
      { authorization: `Bearer ${patient.accessToken}`, accept: 'text/event-stream' },
      keepAlive,
    );
    expect(stream.status).toBe(200);
    const page = await RealtimeClient.signedIn(stack.baseUrl, patient.accessToken!);

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
    const silent = await openSilentSocket(port);
    const silentClosed = once(silent, 'close');
    let closed = false;
    closing = stack.gateway.close().then(() => {
      closed = true;
    });
    try {
      await waitUntil('the gateway refuses new connections', () => refusesConnections(port));
      expect(await within(8000, stream.ended)).toBe(true);
      expect(stream.text()).toMatch(/^event: reconnect\n(.*\n)*retry: 1000$/m);
      expect((await page.closed).code).toBe(RealtimeCloseCode.GOING_AWAY);
      // The gateway, not the client, closes the ended stream's connection: left idle, it held the close.
      expect(await within(2000, stream.connectionClosed)).toBe(true);
      // A page that never answers the close frame is cut off after CLOSE_ANSWER_GRACE_MS (ws alone: 30 s).
      expect(await within(3000, silentClosed)).toBe(true);
      expect(closed).toBe(false);
    } finally {
      await blocker.query('COMMIT');
    }
    expect(await Promise.all(searches)).toEqual([200, 200, 200, 200]);
    // ~20 ms here (NATS connections drained); before, until the client dropped the stream's idle connection.
    expect(await within(2000, closing)).toBe(true);
  });
});
