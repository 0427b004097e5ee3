import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SessionRevocation, Subjects, type RecentSessionRevocations } from '@pacjent/contracts';
import { BusClient, busSubject, Clock, natsConnectionOptions, validateInput } from '@pacjent/platform';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { GatewayConfig } from '../config';

const codec = JSONCodec<unknown>();
/** Asked again this often even when nothing seemed lost: the bound on a revocation missed while connected. */
const RESYNC_INTERVAL_MS = 60_000;
/** After a failed ask: again after 1 s, 2 s, 4 s … at most 30 s apart. */
const RETRY_MS = { first: 1000, max: 30_000 };

/**
 * The sessions identity has ended (logout, a reused refresh token), so that
 * their access tokens stop working here at once rather than when they expire.
 * Every replica subscribes to identity's revocations (core NATS, no queue
 * group: each replica gets each one) and asks identity for the recent ones on
 * start, after every reconnect and once a minute, so one missed while away is
 * caught up. A revocation is kept until the last token of its session would
 * have expired. See docs/decisions/0008.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  /** Revoked session id → when its tokens expire anyway (ms). */
  private readonly revoked = new Map<string, number>();
  private connection: NatsConnection | null = null;
  private resyncTimer?: NodeJS.Timeout;
  private readonly shutdown = new AbortController();

  constructor(
    private readonly bus: BusClient,
    private readonly config: GatewayConfig,
    private readonly clock: Clock,
  ) {}

  /** Subscribes first, then asks for the recent ones, so nothing falls between the two. */
  async onModuleInit(): Promise<void> {
    this.connection = await connect(natsConnectionOptions(this.config, 'gateway-sessions'));
    const subscription = this.connection.subscribe(busSubject(Subjects.identity.sessionRevoked), {
      callback: (error, message) => {
        if (error) {
          this.logger.warn({ err: error }, 'session revocation subscription failed');
          return;
        }
        this.receive(message.data);
      },
    });
    void this.watchStatus(this.connection);
    await this.connection.flush();
    this.resyncTimer = setInterval(() => void this.catchUp(), RESYNC_INTERVAL_MS);
    this.resyncTimer.unref();
    if (!(await this.catchUp())) void this.retryCatchUp();
    this.logger.debug({ subject: subscription.getSubject() }, 'listening for session revocations');
  }

  async onApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    clearInterval(this.resyncTimer);
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }

  /** True while the session has been ended and its tokens have not yet expired. */
  isRevoked(sid: string): boolean {
    const until = this.revoked.get(sid);
    if (until === undefined) return false;
    if (until > this.clock.now().getTime()) return true;
    this.revoked.delete(sid);
    return false;
  }

  /** Remembers a revocation (validated: it came over the bus). */
  add(revocation: SessionRevocation): void {
    const until = Date.parse(revocation.until);
    const known = this.revoked.get(revocation.sid);
    if (known === undefined || until > known) this.revoked.set(revocation.sid, until);
  }

  /** How many revocations are remembered (expired ones are dropped on each catch-up). */
  get size(): number {
    return this.revoked.size;
  }

  private receive(data: Uint8Array): void {
    try {
      this.add(validateInput(SessionRevocation, codec.decode(data)));
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored an unreadable session revocation');
    }
  }

  /** Asks identity for the sessions ended within an access-token lifetime; false when it could not. */
  private async catchUp(): Promise<boolean> {
    try {
      const recent = await this.bus.request<RecentSessionRevocations>(Subjects.identity.recentSessionRevocations, {
        actor: null,
        data: {},
      });
      for (const revocation of recent.revocations) this.add(validateInput(SessionRevocation, revocation));
      this.dropExpired();
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not ask identity for recent session revocations');
      return false;
    }
  }

  private async retryCatchUp(): Promise<void> {
    let delay = RETRY_MS.first;
    while (!this.shutdown.signal.aborted) {
      await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
      if (this.shutdown.signal.aborted || (await this.catchUp())) return;
      delay = Math.min(delay * 2, RETRY_MS.max);
    }
  }

  /** After a reconnect, whatever was published meanwhile is asked for. */
  private async watchStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'reconnect' && !(await this.catchUp())) void this.retryCatchUp();
    }
  }

  private dropExpired(): void {
    const now = this.clock.now().getTime();
    for (const [sid, until] of this.revoked) if (until <= now) this.revoked.delete(sid);
  }
}
