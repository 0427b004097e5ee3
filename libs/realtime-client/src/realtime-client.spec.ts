import type { ChatMessageView, RealtimeClientFrame } from '@pacjent/contracts';
import { RealtimeClient, type RealtimeSocket } from './realtime-client';

/** A socket the test drives by hand: what the page sent, and what the gateway answers. */
class ScriptedSocket implements RealtimeSocket {
  readyState = 0;
  sent: RealtimeClientFrame[] = [];
  /** When each frame of `sent` was written (the fake timers' clock). */
  sentAt: number[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as RealtimeClientFrame);
    this.sentAt.push(Date.now());
  }
  close(code = 1000): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  answer(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const message = (seq: number, text = `m${seq}`): ChatMessageView => ({
  consultationId: 'c1',
  seq,
  at: new Date(0).toISOString(),
  author: 'doctor',
  kind: 'text',
  text,
});

function setUp(token = 'token-1') {
  const sockets: ScriptedSocket[] = [];
  let accessToken: string | null = token;
  const refresh = jest.fn(async () => {
    accessToken = 'token-2';
    return true;
  });
  const client = new RealtimeClient({
    url: 'ws://gateway/api/realtime',
    createSocket: () => {
      const socket = new ScriptedSocket();
      sockets.push(socket);
      return socket;
    },
    getAccessToken: () => accessToken,
    refreshAccessToken: refresh,
    initialDelayMs: 100,
    maxDelayMs: 1_000,
    random: () => 1,
  });
  const connect = () => {
    const socket = sockets.at(-1)!;
    socket.open();
    socket.answer({ type: 'ready', userId: 'u1', expiresAt: new Date(0).toISOString() });
    return socket;
  };
  return { client, sockets, connect, refresh, setToken: (value: string) => (accessToken = value) };
}

describe('RealtimeClient', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('authenticates first, then follows, watches and flushes what was sent while connecting', () => {
    const { client, sockets, connect } = setUp();
    client.follow('c1', () => undefined);
    client.watch('specialties');
    client.send({ type: 'chat', consultationId: 'c1', clientMessageId: 'x', text: 'Dzień dobry' });
    client.start();
    const socket = connect();

    expect(socket.sent).toEqual([
      { type: 'auth', accessToken: 'token-1' },
      { type: 'watch', topic: 'specialties' },
      { type: 'follow', consultationId: 'c1', afterSeq: 0 },
      { type: 'chat', consultationId: 'c1', clientMessageId: 'x', text: 'Dzień dobry' },
    ]);
    expect(sockets).toHaveLength(1);
  });

  it('delivers each message once, and after a reconnect follows from the last sequence number', () => {
    const { client, sockets, connect } = setUp();
    const seen: number[] = [];
    client.follow('c1', (m) => seen.push(m.seq));
    client.start();
    const first = connect();
    first.answer({ type: 'message', message: message(1) });
    first.answer({ type: 'message', message: message(2) });
    first.answer({ type: 'message', message: message(2) });

    first.close(1006);
    jest.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    const second = connect();
    expect(second.sent).toContainEqual({ type: 'follow', consultationId: 'c1', afterSeq: 2 });
    // The replay overlaps what the page had: only 3 is new.
    second.answer({ type: 'message', message: message(2) });
    second.answer({ type: 'message', message: message(3) });

    expect(seen).toEqual([1, 2, 3]);
  });

  it('sends a line without an ack again after a reconnect, with the same clientMessageId, after resuming', () => {
    const { client, sockets, connect } = setUp();
    client.follow('c1', () => undefined);
    client.start();
    const first = connect();
    const line = (clientMessageId: string, text: string) =>
      ({ type: 'chat', consultationId: 'c1', clientMessageId, text }) as const;
    client.send(line('acked', 'Dzień dobry'));
    client.send(line('refused', 'Za późno'));
    client.send(line('lost', 'Czy pan mnie słyszy?'));
    client.send({ type: 'share_file', consultationId: 'c1', clientMessageId: 'file', fileId: 'f1' });
    first.answer({ type: 'ack', clientMessageId: 'acked', seq: 1 });
    first.answer({ type: 'error', code: 'ONLINE_CONSULTATION_CLOSED', message: 'x', clientMessageId: 'refused' });
    // The connection drops before the last two acks come back.
    first.close(1006);
    client.send(line('offline', 'Halo?'));
    jest.advanceTimersByTime(100);
    const second = connect();
    expect(second.sent).toEqual([
      { type: 'auth', accessToken: 'token-1' },
      { type: 'follow', consultationId: 'c1', afterSeq: 0 },
      line('lost', 'Czy pan mnie słyszy?'),
      { type: 'share_file', consultationId: 'c1', clientMessageId: 'file', fileId: 'f1' },
      line('offline', 'Halo?'),
    ]);
    // Acked on the second connection: a third one sends nothing again.
    second.answer({ type: 'ack', clientMessageId: 'lost', seq: 2 });
    second.answer({ type: 'ack', clientMessageId: 'file', seq: 3 });
    second.answer({ type: 'ack', clientMessageId: 'offline', seq: 4 });
    second.close(1006);
    jest.advanceTimersByTime(100);
    const third = connect();
    expect(third.sent).toEqual([
      { type: 'auth', accessToken: 'token-1' },
      { type: 'follow', consultationId: 'c1', afterSeq: 0 },
    ]);
    expect(sockets).toHaveLength(3);
  });

  it('paces a long re-send after a reconnect under the gateway’s rate limit, in order, new lines behind it', () => {
    const { client, connect } = setUp();
    client.follow('c1', () => undefined);
    client.start();
    const first = connect();
    const line = (n: number) =>
      ({ type: 'chat', consultationId: 'c1', clientMessageId: `l${n}`, text: `${n}` }) as const;
    for (let n = 1; n <= 12; n += 1) client.send(line(n));
    first.close(1006);
    jest.advanceTimersByTime(100);
    const second = connect();
    client.send(line(13));
    expect(second.sent.length).toBeLessThan(15);
    jest.advanceTimersByTime(3_000);
    expect(second.sent).toEqual([
      { type: 'auth', accessToken: 'token-1' },
      { type: 'follow', consultationId: 'c1', afterSeq: 0 },
      ...Array.from({ length: 13 }, (_, i) => line(i + 1)),
    ]);
    // Never more than 5 frames within a second (the gateway closes 4429 past 10).
    for (const at of second.sentAt) {
      expect(second.sentAt.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(5);
    }
  });

  it('asks again from the last message it holds when a sequence number is skipped', () => {
    const { client, connect } = setUp();
    const seen: number[] = [];
    client.follow('c1', (m) => seen.push(m.seq));
    client.start();
    const socket = connect();
    socket.answer({ type: 'message', message: message(1) });
    socket.answer({ type: 'message', message: message(3) });

    expect(seen).toEqual([1]);
    expect(socket.sent.at(-1)).toEqual({ type: 'follow', consultationId: 'c1', afterSeq: 1 });
  });

  it('backs off between failed attempts, doubling up to the ceiling', () => {
    const { client, sockets } = setUp();
    client.start();
    sockets[0]!.close(1006);
    jest.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.close(1006);
    jest.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
  });

  it('refreshes the token when the gateway refuses it, and reconnects with the new one', async () => {
    const { client, sockets, refresh } = setUp();
    client.start();
    sockets[0]!.open();
    sockets[0]!.close(4401);
    await Promise.resolve();
    await Promise.resolve();
    expect(refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(100);
    sockets[1]!.open();
    expect(sockets[1]!.sent[0]).toEqual({ type: 'auth', accessToken: 'token-2' });
  });

  it('sends the refreshed token on the open socket', () => {
    const { client, connect, setToken } = setUp();
    client.start();
    const socket = connect();
    setToken('token-3');
    client.reauthenticate();
    expect(socket.sent.at(-1)).toEqual({ type: 'auth', accessToken: 'token-3' });
  });

  it('stays closed after stop()', () => {
    const { client, sockets, connect } = setUp();
    client.start();
    connect();
    client.stop();
    jest.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(client.getStatus()).toBe('closed');
  });
});
