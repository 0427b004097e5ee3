import {
  REALTIME_MAX_MESSAGES_PER_SECOND,
  RealtimeCloseCode,
  type Actor,
  type ChatMessageView,
  type OnlineConsultationStatus,
  type RealtimeServerFrame,
} from '@pacjent/contracts';
import type { WebSocket } from 'ws';

/**
 * How long a page has to answer our close frame before its connection is cut.
 * `ws` would wait 30 s, and a draining gateway's exit waits for every socket.
 */
export const CLOSE_ANSWER_GRACE_MS = 1000;

/** What a connection follows of one consultation: its role there, the peer, and the last seq sent to the page. */
export interface Follow {
  consultationId: string;
  role: 'patient' | 'doctor';
  peerUserId: string | null;
  status: OnlineConsultationStatus;
  lastSeq: number;
  /** Deliveries run one after the other, so messages reach the page in seq order. */
  chain: Promise<void>;
  /** A call passed its answer: the next hangup ends it in the transcript. */
  inCall: boolean;
}

/**
 * One page's WebSocket: who is signed in on it (until the token expires, unless
 * a fresh `auth` arrives), what it follows and watches, and its frame budget.
 */
export class RealtimeConnection {
  actor: Actor | null = null;
  readonly follows = new Map<string, Follow>();
  readonly watching = new Set<'specialties' | 'doctor_queue'>();
  private expiryTimer?: NodeJS.Timeout;
  private windowStartMs = 0;
  private framesInWindow = 0;
  closed = false;

  constructor(readonly socket: WebSocket) {}

  send(frame: RealtimeServerFrame): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiryTimer);
    this.socket.close(code, reason);
    setTimeout(() => {
      if (this.socket.readyState !== this.socket.CLOSED) this.socket.terminate();
    }, CLOSE_ANSWER_GRACE_MS).unref();
  }

  /** Counts a frame; false when it is one too many for this second. */
  withinRate(nowMs: number): boolean {
    if (nowMs - this.windowStartMs >= 1000) {
      this.windowStartMs = nowMs;
      this.framesInWindow = 0;
    }
    this.framesInWindow += 1;
    return this.framesInWindow <= REALTIME_MAX_MESSAGES_PER_SECOND;
  }

  /** Signed in as `actor` until `expiresAtMs`; then closed 4401 unless re-authenticated. */
  authenticate(actor: Actor, expiresAtMs: number, nowMs: number): void {
    this.actor = actor;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(
      () => this.close(RealtimeCloseCode.UNAUTHENTICATED, 'token expired'),
      Math.max(0, expiresAtMs - nowMs),
    );
    this.expiryTimer.unref();
  }

  /** Sends a chat message at most once and in order: older or repeated seqs are dropped. */
  deliver(follow: Follow, message: ChatMessageView): void {
    if (message.seq !== follow.lastSeq + 1) return;
    follow.lastSeq = message.seq;
    this.send({ type: 'message', message });
  }

  dispose(): void {
    this.closed = true;
    clearTimeout(this.expiryTimer);
  }
}
