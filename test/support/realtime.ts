import type { RealtimeClientFrame, RealtimeServerFrame } from '@pacjent/contracts';
import WebSocket from 'ws';

/** A page's WebSocket to GET /api/realtime, for e2e tests: send frames, wait for frames or the close. */
export class RealtimeClient {
  readonly frames: RealtimeServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as RealtimeServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    socket.on('error', () => undefined);
  }

  static connect(baseUrl: string): Promise<RealtimeClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/realtime`);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RealtimeClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects and authenticates; resolves once `ready` arrives. */
  static async signedIn(baseUrl: string, accessToken: string): Promise<RealtimeClient> {
    const client = await RealtimeClient.connect(baseUrl);
    client.send({ type: 'auth', accessToken });
    await client.next((frame) => frame.type === 'ready');
    return client;
  }

  send(frame: RealtimeClientFrame | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The first frame (received so far or later) that matches and was not taken before; fails after `ms`. */
  async next<T extends RealtimeServerFrame = RealtimeServerFrame>(
    match: (frame: RealtimeServerFrame) => boolean,
    ms = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0] as T;
      const left = deadline - Date.now();
      if (left <= 0 || this.socket.readyState === WebSocket.CLOSED) {
        throw new Error(`no matching frame in time; got ${JSON.stringify(this.frames).slice(0, 500)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The chat messages of a consultation received so far, in arrival order (not taken from `frames`). */
  messages(consultationId: string) {
    return this.frames.flatMap((frame) =>
      frame.type === 'message' && frame.message.consultationId === consultationId ? [frame.message] : [],
    );
  }

  close(): void {
    this.socket.close();
  }
}
