import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  RealtimeCloseCode,
  realtimeUserSubject,
  Role,
  Subjects,
  type Actor,
  type ChatMessageStored,
  type ChatMessageView,
  type OnlineConsultationAccess,
  type OnlineConsultationView,
  type OnlineQueueChanged,
  type OnlineSpecialtyView,
  type RealtimeClientFrame,
  type RtcSignal,
} from '@pacjent/contracts';
import { BusClient, busSubject, Clock, natsConnectionOptions } from '@pacjent/platform';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import type { WebSocket } from 'ws';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { GatewayConfig } from '../config';
import { parseClientFrame } from './client-frames';
import { RealtimeConnection, type Follow } from './realtime-connection';

const codec = JSONCodec<unknown>();
/** Changes arriving within this window are pushed once (a take-next moves every position of a queue). */
const CHANGE_COALESCE_MS = 50;

interface SignalEnvelope {
  consultationId: string;
  fromUserId: string;
  signal: RtcSignal;
}

/**
 * The gateway's real-time edge (GET /api/realtime, ADR 0013): one WebSocket
 * per open page. Chat is stored by consultations (seq per consultation) and
 * published through its outbox into the JetStream chat stream; every gateway
 * replica hears each message and hands it to the pages following that
 * consultation, in seq order and once; a page that follows with its last seq
 * first gets what it missed from the transcript, and any gap seen later is
 * filled the same way. WebRTC signals go to the peer's pages over core NATS
 * (whichever replica holds them); queue changes arrive as consultations'
 * broadcasts. While a page follows a waiting consultation the gateway reports
 * it to consultations (heartbeats), so the queue keeps it; a page gone for
 * QUEUE_GRACE_SECONDS loses its place.
 */
@Injectable()
export class RealtimeHub implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeHub.name);
  private readonly connections = new Set<RealtimeConnection>();
  /** The connections following each consultation: a chat message visits these, not every socket. */
  private readonly followers = new Map<string, Set<RealtimeConnection>>();
  private nats: NatsConnection | null = null;
  private heartbeat?: NodeJS.Timeout;
  private pendingChange: OnlineQueueChanged | null = null;

  constructor(
    private readonly bus: BusClient,
    private readonly verifier: AccessTokenVerifier,
    private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.nats = await connect(natsConnectionOptions(this.config, 'gateway-realtime'));
    const chatPrefix = busSubject(Subjects.consultations.onlineChatPrefix);
    this.nats.subscribe(`${chatPrefix}.>`, {
      callback: (error, message) => {
        if (!error) this.onChat(message.subject.slice(chatPrefix.length + 1), codec.decode(message.data));
      },
    });
    const signalPrefix = busSubject(Subjects.gateway.realtimePrefix);
    this.nats.subscribe(`${signalPrefix}.>`, {
      callback: (error, message) => {
        if (!error) this.onSignal(message.subject.slice(signalPrefix.length + 1), codec.decode(message.data));
      },
    });
    this.nats.subscribe(busSubject(Subjects.consultations.onlineChanged), {
      callback: (error, message) => {
        if (!error) this.onChanged(codec.decode(message.data) as OnlineQueueChanged);
      },
    });
    await this.nats.flush();
    const everyMs = Math.max(250, (this.config.QUEUE_GRACE_SECONDS * 1000) / 4);
    this.heartbeat = setInterval(() => void this.reportPresence(), everyMs);
    this.heartbeat.unref();
  }

  /** Before the HTTP server closes, pages are told to reconnect (to another replica) at once: 1001 going away. */
  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const connection of this.connections) connection.close(RealtimeCloseCode.GOING_AWAY, 'gateway shutting down');
    this.connections.clear();
    this.followers.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nats && !this.nats.isClosed()) await this.nats.drain();
  }

  get size(): number {
    return this.connections.size;
  }

  /** A new WebSocket: it has REALTIME_AUTH_TIMEOUT_MS to authenticate. */
  accept(socket: WebSocket): void {
    const connection = new RealtimeConnection(socket);
    this.connections.add(connection);
    const authTimer = setTimeout(() => {
      if (!connection.actor) connection.close(RealtimeCloseCode.AUTH_TIMEOUT, 'authenticate first');
    }, this.config.REALTIME_AUTH_TIMEOUT_MS);
    authTimer.unref();
    socket.on('message', (data, isBinary) => {
      if (connection.closed) return;
      if (!connection.withinRate(Date.now())) {
        connection.close(RealtimeCloseCode.RATE_LIMITED, 'too many frames');
        return;
      }
      const frame = isBinary ? null : parseClientFrame(data.toString());
      void this.handle(connection, frame).catch((error: unknown) => this.failed(connection, frame, error));
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      connection.dispose();
      this.connections.delete(connection);
      for (const consultationId of connection.follows.keys()) this.unfollow(connection, consultationId);
    });
    socket.on('error', (error) => this.logger.debug({ err: error }, 'websocket error'));
  }

  private async handle(connection: RealtimeConnection, frame: RealtimeClientFrame | null): Promise<void> {
    if (!frame) {
      if (!connection.actor) connection.close(RealtimeCloseCode.UNAUTHENTICATED, 'authenticate first');
      else
        connection.send({ type: 'error', code: ErrorCode.VALIDATION_FAILED, message: 'Not a frame of the protocol.' });
      return;
    }
    if (frame.type === 'auth') return this.authenticate(connection, frame.accessToken);
    const actor = connection.actor;
    if (!actor) {
      connection.close(RealtimeCloseCode.UNAUTHENTICATED, 'authenticate first');
      return;
    }
    switch (frame.type) {
      case 'follow':
        return this.follow(connection, actor, frame.consultationId, frame.afterSeq);
      case 'chat': {
        // A line re-sent with the same clientMessageId (its ack was lost) answers the stored seq again.
        const stored = await this.bus.request<ChatMessageStored>(Subjects.consultations.sendChatMessage, {
          actor,
          data: { consultationId: frame.consultationId, clientMessageId: frame.clientMessageId, text: frame.text },
        });
        connection.send({ type: 'ack', clientMessageId: frame.clientMessageId, seq: stored.seq });
        return;
      }
      case 'share_file': {
        // Consultations asks files whose file it is and what it is: the frame names only its id.
        const stored = await this.bus.request<ChatMessageStored>(Subjects.consultations.shareFile, {
          actor,
          data: { consultationId: frame.consultationId, fileId: frame.fileId },
        });
        connection.send({ type: 'ack', clientMessageId: frame.clientMessageId, seq: stored.seq });
        return;
      }
      case 'signal':
        return this.signal(connection, actor, frame.consultationId, frame.signal);
      case 'watch':
        connection.watching.add(frame.topic);
        return frame.topic === 'specialties' ? this.pushSpecialties([connection]) : this.pushQueue(connection);
    }
  }

  private async authenticate(connection: RealtimeConnection, token: string): Promise<void> {
    let verified: { actor: Actor; expiresAtMs: number };
    try {
      verified = await this.verifier.verifyWithExpiry(token);
    } catch {
      connection.close(RealtimeCloseCode.UNAUTHENTICATED, 'invalid token');
      return;
    }
    // A refreshed token must be the same person's.
    if (connection.actor && connection.actor.id !== verified.actor.id) {
      connection.close(RealtimeCloseCode.UNAUTHENTICATED, 'another user');
      return;
    }
    connection.authenticate(verified.actor, verified.expiresAtMs, this.clock.now().getTime());
    connection.send({
      type: 'ready',
      userId: verified.actor.id,
      expiresAt: new Date(verified.expiresAtMs).toISOString(),
    });
  }

  /** Replays what the page missed (seq > afterSeq) from the transcript, then live messages follow. */
  private async follow(connection: RealtimeConnection, actor: Actor, consultationId: string, afterSeq: number) {
    const access = await this.access(actor, consultationId);
    const existing = connection.follows.get(consultationId);
    const follow: Follow = existing ?? {
      consultationId,
      role: access.role,
      peerUserId: access.peerUserId,
      status: access.status,
      lastSeq: afterSeq,
      chain: Promise.resolve(),
      inCall: false,
    };
    connection.follows.set(consultationId, follow);
    const following = this.followers.get(consultationId) ?? new Set<RealtimeConnection>();
    following.add(connection);
    this.followers.set(consultationId, following);
    await this.pushConsultation(connection, follow);
    await this.enqueue(follow, () => this.catchUp(connection, actor, follow));
  }

  private async catchUp(connection: RealtimeConnection, actor: Actor, follow: Follow): Promise<void> {
    const missed = await this.bus.request<ChatMessageView[]>(Subjects.consultations.onlineMessages, {
      actor,
      data: { consultationId: follow.consultationId, after: follow.lastSeq },
    });
    for (const message of missed) connection.deliver(follow, message);
  }

  private enqueue(follow: Follow, work: () => Promise<void>): Promise<void> {
    follow.chain = follow.chain.then(work).catch((error: unknown) => {
      this.logger.warn({ err: error, consultationId: follow.consultationId }, 'could not deliver chat messages');
    });
    return follow.chain;
  }

  /** A chat message stored by consultations: to every local page following it, in order, once. */
  private onChat(consultationId: string, payload: unknown): void {
    const message = payload as ChatMessageView;
    if (typeof message?.seq !== 'number' || message.consultationId !== consultationId) return;
    for (const connection of this.followers.get(consultationId) ?? []) {
      const follow = connection.follows.get(consultationId);
      if (!follow || !connection.actor) continue;
      const actor = connection.actor;
      void this.enqueue(follow, async () => {
        if (message.seq <= follow.lastSeq) return;
        // A gap (an earlier message not heard yet, or lost): the transcript has it.
        if (message.seq > follow.lastSeq + 1) await this.catchUp(connection, actor, follow);
        connection.deliver(follow, message);
      });
    }
  }

  private async signal(connection: RealtimeConnection, actor: Actor, consultationId: string, signal: RtcSignal) {
    let follow = connection.follows.get(consultationId);
    if (!follow || follow.status !== 'active' || !follow.peerUserId) {
      const access = await this.access(actor, consultationId);
      follow = follow ?? {
        consultationId,
        role: access.role,
        peerUserId: access.peerUserId,
        status: access.status,
        lastSeq: 0,
        chain: Promise.resolve(),
        inCall: false,
      };
      Object.assign(follow, { peerUserId: access.peerUserId, status: access.status });
    }
    if (follow.status !== 'active' || !follow.peerUserId) {
      throw new DomainError(ErrorCode.ONLINE_CONSULTATION_CLOSED, 'This consultation is not in progress.');
    }
    const envelope: SignalEnvelope = { consultationId, fromUserId: actor.id, signal };
    this.nats?.publish(busSubject(realtimeUserSubject(follow.peerUserId)), codec.encode(envelope));
    // The transcript records the call: it starts with the answer, ends with a hangup.
    if (signal.kind === 'answer' && !follow.inCall) {
      follow.inCall = true;
      await this.recordCall(actor, consultationId, 'call_started');
    } else if (signal.kind === 'hangup' && follow.inCall) {
      follow.inCall = false;
      await this.recordCall(actor, consultationId, 'call_ended');
    }
  }

  private async recordCall(actor: Actor, consultationId: string, kind: 'call_started' | 'call_ended') {
    await this.bus.request(Subjects.consultations.recordCallEvent, { actor, data: { consultationId, kind } });
  }

  /** A signal for a user: to their pages here that follow the consultation, as its other participant. */
  private onSignal(userId: string, payload: unknown): void {
    const envelope = payload as SignalEnvelope;
    if (typeof envelope?.consultationId !== 'string') return;
    for (const connection of this.connections) {
      const follow = connection.follows.get(envelope.consultationId);
      if (connection.actor?.id !== userId || !follow || follow.peerUserId !== envelope.fromUserId) continue;
      if (envelope.signal.kind === 'answer') follow.inCall = true;
      if (envelope.signal.kind === 'hangup') follow.inCall = false;
      connection.send({ type: 'signal', consultationId: envelope.consultationId, signal: envelope.signal });
    }
  }

  private onChanged(change: OnlineQueueChanged): void {
    if (this.pendingChange) {
      this.pendingChange.consultationIds.push(...(change.consultationIds ?? []));
      this.pendingChange.specialties.push(...(change.specialties ?? []));
      return;
    }
    this.pendingChange = {
      consultationIds: [...(change.consultationIds ?? [])],
      specialties: [...(change.specialties ?? [])],
    };
    setTimeout(() => void this.pushChanges(), CHANGE_COALESCE_MS).unref();
  }

  private async pushChanges(): Promise<void> {
    const change = this.pendingChange;
    this.pendingChange = null;
    if (!change) return;
    const changed = new Set(change.consultationIds);
    const work: Array<Promise<void>> = [];
    const specialtyWatchers: RealtimeConnection[] = [];
    for (const connection of this.connections) {
      if (!connection.actor) continue;
      for (const follow of connection.follows.values()) {
        // A queue moved: every waiting page may have a new position.
        if (changed.has(follow.consultationId) || follow.status === 'waiting') {
          work.push(this.refresh(connection, follow));
        }
      }
      if (connection.watching.has('specialties')) specialtyWatchers.push(connection);
      if (connection.watching.has('doctor_queue')) work.push(this.pushQueue(connection));
    }
    if (specialtyWatchers.length > 0) work.push(this.pushSpecialties(specialtyWatchers));
    const failures = (await Promise.allSettled(work)).filter((result) => result.status === 'rejected');
    if (failures.length > 0) this.logger.warn({ failures: failures.length }, 'could not push some queue updates');
  }

  private async refresh(connection: RealtimeConnection, follow: Follow): Promise<void> {
    const access = await this.access(connection.actor!, follow.consultationId);
    follow.peerUserId = access.peerUserId;
    follow.status = access.status;
    await this.pushConsultation(connection, follow);
  }

  private async pushConsultation(connection: RealtimeConnection, follow: Follow): Promise<void> {
    const subject =
      follow.role === 'patient' ? Subjects.consultations.getOnline : Subjects.consultations.doctorGetOnline;
    const consultation = await this.bus.request<OnlineConsultationView>(subject, {
      actor: connection.actor,
      data: { consultationId: follow.consultationId },
    });
    follow.status = consultation.status;
    connection.send({ type: 'consultation', consultation });
  }

  private async pushSpecialties(watchers: RealtimeConnection[]): Promise<void> {
    const specialties = await this.bus.request<OnlineSpecialtyView[]>(Subjects.consultations.onlineSpecialties, {
      actor: watchers[0]!.actor,
      data: {},
    });
    for (const connection of watchers) connection.send({ type: 'specialties', specialties });
  }

  private async pushQueue(connection: RealtimeConnection): Promise<void> {
    if (!connection.actor?.roles.includes(Role.DOCTOR)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only doctors have a queue.');
    }
    const waiting = await this.bus.request<OnlineConsultationView[]>(Subjects.consultations.onlineQueue, {
      actor: connection.actor,
      data: {},
    });
    connection.send({ type: 'doctor_queue', waiting });
  }

  private access(actor: Actor, consultationId: string): Promise<OnlineConsultationAccess> {
    return this.bus.request<OnlineConsultationAccess>(Subjects.consultations.onlineAccess, {
      actor,
      data: { consultationId },
    });
  }

  /** Tells consultations which waiting consultations have a live page here (the patient's own). */
  private async reportPresence(): Promise<void> {
    const work: Array<Promise<unknown>> = [];
    for (const connection of this.connections) {
      const actor = connection.actor;
      if (!actor) continue;
      const waiting = [...connection.follows.values()]
        .filter((follow) => follow.role === 'patient' && follow.status === 'waiting')
        .map((follow) => follow.consultationId);
      if (waiting.length === 0) continue;
      work.push(
        this.bus.request(Subjects.consultations.onlinePresence, {
          actor,
          data: { consultationIds: waiting.slice(0, 20) },
        }),
      );
    }
    const failures = (await Promise.allSettled(work)).filter((result) => result.status === 'rejected');
    if (failures.length > 0) this.logger.warn({ failures: failures.length }, 'could not report some pages’ presence');
  }

  private unfollow(connection: RealtimeConnection, consultationId: string): void {
    const following = this.followers.get(consultationId);
    following?.delete(connection);
    if (following?.size === 0) this.followers.delete(consultationId);
  }

  private failed(connection: RealtimeConnection, frame: RealtimeClientFrame | null, error: unknown): void {
    const clientMessageId = frame && 'clientMessageId' in frame ? frame.clientMessageId : undefined;
    if (error instanceof DomainError) {
      if (frame?.type === 'follow' || frame?.type === 'signal') {
        connection.follows.delete(frame.consultationId);
        this.unfollow(connection, frame.consultationId);
      }
      connection.send({
        type: 'error',
        code: error.code,
        message: error.message,
        ...(clientMessageId ? { clientMessageId } : {}),
      });
      return;
    }
    this.logger.error({ err: error }, 'a realtime frame failed');
    connection.send({
      type: 'error',
      code: ErrorCode.INTERNAL,
      message: 'Something failed.',
      ...(clientMessageId ? { clientMessageId } : {}),
    });
  }
}
