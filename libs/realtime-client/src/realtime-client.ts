import type { ChatMessageView, RealtimeClientFrame, RealtimeServerFrame } from '@pacjent/contracts';

/**
 * The one WebSocket a web page keeps to the gateway (`GET /api/realtime`),
 * shared by every screen of the portal and the console. It authenticates with
 * the access token (and again after each refresh), reconnects with backoff,
 * resumes every followed consultation from the last sequence number it saw
 * and hands each chat message to its listeners exactly once, in order. A chat
 * line or file share stays with the client until the gateway acks (or refuses)
 * it, and is sent again with the same clientMessageId after every reconnect:
 * consultations stores a repeated id once and acks it with the same seq.
 *
 * Browser-free on purpose: the page passes a socket factory and its token
 * functions, so the same code runs in both apps and in unit tests.
 */

/** The part of the browser's WebSocket this client uses. */
export interface RealtimeSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
}

export type RealtimeStatus = 'connecting' | 'open' | 'closed';

export interface RealtimeClientOptions {
  url: string;
  createSocket: (url: string) => RealtimeSocket;
  getAccessToken: () => string | null;
  /** Called when the gateway refuses the token; true when a new one is available. */
  refreshAccessToken: () => Promise<boolean>;
  /** First reconnect delay, doubled per failed attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

type ServerFrameOf<T extends RealtimeServerFrame['type']> = Extract<RealtimeServerFrame, { type: T }>;
type Outgoing = Exclude<RealtimeClientFrame, { type: 'auth' | 'follow' | 'watch' }>;
/** The frames the gateway acks by clientMessageId. */
type Acknowledged = Extract<Outgoing, { clientMessageId: string }>;

const OPEN = 1;
/** Close codes after which trying again cannot help (the token refresh is handled separately). */
const UNAUTHENTICATED = 4401;
const GOING_AWAY = 1001;
/**
 * What is flushed after a reconnect (unacked lines, frames sent while away) is written at most this many
 * frames a second, counting the auth and follow frames: half the gateway's REALTIME_MAX_MESSAGES_PER_SECOND
 * (10), whose 4429 would close the socket and bring every line back for the next try. A literal, not the
 * contracts' value: this file is also loaded on its own (tools/chaos), where only type imports resolve.
 */
const FLUSH_FRAMES_PER_SECOND = 5;

export class RealtimeClient {
  private socket: RealtimeSocket | null = null;
  private ready = false;
  private stopped = true;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lastSeq = new Map<string, number>();
  private readonly followers = new Map<string, Set<(message: ChatMessageView) => void>>();
  private readonly watches = new Map<'specialties' | 'doctor_queue', number>();
  private readonly frameListeners = new Set<(frame: RealtimeServerFrame) => void>();
  private readonly statusListeners = new Set<(status: RealtimeStatus) => void>();
  /** Frames sent while disconnected, flushed once the gateway says `ready`. */
  private pending: Outgoing[] = [];
  /** Chat lines and file shares not acked or refused yet, in the order sent: sent again after each reconnect. */
  private readonly unacked = new Map<string, Acknowledged>();
  /** After a reconnect: what is still to be written, paced by FLUSH_FRAMES_PER_SECOND (new sends queue behind). */
  private flushing: Outgoing[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** When this connection's recent frames were written. */
  private writtenAt: number[] = [];
  private status: RealtimeStatus = 'closed';

  constructor(private readonly options: RealtimeClientOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.stopFlushing();
    this.socket?.close(1000, 'page closed');
    this.socket = null;
    this.ready = false;
    this.setStatus('closed');
  }

  getStatus(): RealtimeStatus {
    return this.status;
  }

  onStatus(listener: (status: RealtimeStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Every frame of one type (queue updates, consultation changes, signalling, errors). */
  on<T extends RealtimeServerFrame['type']>(type: T, listener: (frame: ServerFrameOf<T>) => void): () => void {
    const filtered = (frame: RealtimeServerFrame) => {
      if (frame.type === type) listener(frame as ServerFrameOf<T>);
    };
    this.frameListeners.add(filtered);
    return () => this.frameListeners.delete(filtered);
  }

  /** A live topic for as long as someone watches it (and again after every reconnect). */
  watch(topic: 'specialties' | 'doctor_queue'): () => void {
    const count = this.watches.get(topic) ?? 0;
    this.watches.set(topic, count + 1);
    if (count === 0 && this.ready) this.write({ type: 'watch', topic });
    return () => {
      const left = (this.watches.get(topic) ?? 1) - 1;
      if (left <= 0) this.watches.delete(topic);
      else this.watches.set(topic, left);
    };
  }

  /**
   * The consultation's messages, from `afterSeq` on: the replay first, then the
   * live ones; after a reconnect from the last one delivered, never twice.
   */
  follow(consultationId: string, onMessage: (message: ChatMessageView) => void, afterSeq = 0): () => void {
    let listeners = this.followers.get(consultationId);
    if (!listeners) {
      listeners = new Set();
      this.followers.set(consultationId, listeners);
      this.lastSeq.set(consultationId, Math.max(afterSeq, this.lastSeq.get(consultationId) ?? 0));
      if (this.ready) this.sendFollow(consultationId);
    }
    listeners.add(onMessage);
    return () => {
      listeners.delete(onMessage);
      if (listeners.size === 0) this.followers.delete(consultationId);
    };
  }

  /**
   * Sends now, or once connected again. A chat line or file share is kept until its ack or error arrives,
   * and sent again (same clientMessageId) after a reconnect: the connection may drop after the gateway
   * stored it but before the ack came back.
   */
  send(frame: Outgoing): void {
    if ('clientMessageId' in frame) this.unacked.set(frame.clientMessageId, frame);
    if (this.ready && this.flushing.length === 0) this.write(frame);
    else if (this.ready) this.flushing.push(frame);
    else if (!('clientMessageId' in frame)) this.pending.push(frame);
  }

  /** The page has a new access token: the gateway keeps the socket open on it. */
  reauthenticate(): void {
    const token = this.options.getAccessToken();
    if (token && this.socket?.readyState === OPEN) this.write({ type: 'auth', accessToken: token });
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    this.ready = false;
    this.setStatus('connecting');
    const socket = this.options.createSocket(this.options.url);
    this.socket = socket;
    this.writtenAt = [];
    socket.onopen = () => {
      const token = this.options.getAccessToken();
      if (token) this.write({ type: 'auth', accessToken: token });
      else socket.close(UNAUTHENTICATED, 'no token');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.ready = false;
      this.stopFlushing();
      this.setStatus('closed');
      if (!this.stopped) void this.scheduleReconnect(event.code);
    };
  }

  private async scheduleReconnect(code: number): Promise<void> {
    if (code === UNAUTHENTICATED) {
      const refreshed = await this.options.refreshAccessToken().catch(() => false);
      if (!refreshed) return this.stop();
    }
    // A replica shutting down: another one is there at once.
    const delay = code === GOING_AWAY && this.attempt === 0 ? 0 : this.backoff();
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      if (!this.stopped) this.connect();
    }, delay);
  }

  private backoff(): number {
    const initial = this.options.initialDelayMs ?? 500;
    const max = this.options.maxDelayMs ?? 15_000;
    const ceiling = Math.min(max, initial * 2 ** this.attempt);
    // Full jitter: a gateway restart must not bring every page back in the same millisecond.
    return Math.round(ceiling / 2 + (ceiling / 2) * (this.options.random ?? Math.random)());
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: RealtimeServerFrame;
    try {
      frame = JSON.parse(data) as RealtimeServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'ready') this.onReady();
    // Stored (or refused for good): not sent again.
    if (frame.type === 'ack') this.unacked.delete(frame.clientMessageId);
    if (frame.type === 'error' && frame.clientMessageId) this.unacked.delete(frame.clientMessageId);
    if (frame.type === 'message') {
      this.deliver(frame.message);
      return;
    }
    this.frameListeners.forEach((listener) => listener(frame));
  }

  private onReady(): void {
    const wasReady = this.ready;
    this.ready = true;
    if (wasReady) return; // the answer to a re-authentication
    this.attempt = 0;
    this.setStatus('open');
    this.watches.forEach((_, topic) => this.write({ type: 'watch', topic }));
    this.followers.forEach((_, consultationId) => this.sendFollow(consultationId));
    this.flushing = [...this.unacked.values(), ...this.pending];
    this.pending = [];
    this.flush();
  }

  /** Writes what waits in `flushing`, in order, no faster than FLUSH_FRAMES_PER_SECOND. */
  private flush(): void {
    clearTimeout(this.flushTimer);
    while (this.ready && this.flushing.length > 0) {
      const now = Date.now();
      while (this.writtenAt.length > 0 && now - this.writtenAt[0]! >= 1000) this.writtenAt.shift();
      if (this.writtenAt.length >= FLUSH_FRAMES_PER_SECOND) {
        this.flushTimer = setTimeout(() => this.flush(), 1000 - (now - this.writtenAt[0]!));
        return;
      }
      const frame = this.flushing.shift()!;
      // Answered meanwhile (acked or refused while it waited here): not sent again.
      if ('clientMessageId' in frame && !this.unacked.has(frame.clientMessageId)) continue;
      this.write(frame);
    }
  }

  /** The connection is gone: unacked lines stay in `unacked`; other frames not written yet wait in `pending`. */
  private stopFlushing(): void {
    clearTimeout(this.flushTimer);
    this.pending = [...this.flushing.filter((frame) => !('clientMessageId' in frame)), ...this.pending];
    this.flushing = [];
  }

  private deliver(message: ChatMessageView): void {
    const last = this.lastSeq.get(message.consultationId) ?? 0;
    if (message.seq <= last) return; // a replay of what this page already has
    if (message.seq > last + 1) {
      // A gap (a frame lost between replicas): ask again from the last one held; the replay fills it.
      this.sendFollow(message.consultationId);
      return;
    }
    this.lastSeq.set(message.consultationId, message.seq);
    this.followers.get(message.consultationId)?.forEach((listener) => listener(message));
  }

  private sendFollow(consultationId: string): void {
    this.write({ type: 'follow', consultationId, afterSeq: this.lastSeq.get(consultationId) ?? 0 });
  }

  private write(frame: RealtimeClientFrame): void {
    if (this.socket?.readyState !== OPEN) return;
    this.socket.send(JSON.stringify(frame));
    const now = Date.now();
    this.writtenAt.push(now);
    while (now - this.writtenAt[0]! >= 1000) this.writtenAt.shift();
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}
