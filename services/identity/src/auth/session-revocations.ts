import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  Subjects,
  type RecentSessionRevocations,
  type SessionEndReason,
  type SessionRevocation,
} from '@pacjent/contracts';
import { busSubject, Clock, natsConnectionOptions } from '@pacjent/platform';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { IdentityConfig } from '../config';
import { VerificationRepository } from '../verification/verification.repository';
import { RefreshTokensRepository, type RevokedFamily } from './refresh-tokens.repository';

const codec = JSONCodec<SessionRevocation>();

/**
 * Ends a session's access at once, everywhere: when a refresh-token family is
 * revoked, its open bank confirmations are cancelled and the revocation is
 * published on the bus (core NATS; every gateway replica subscribes) so each
 * gateway refuses the session's access tokens from then on. A gateway that
 * was away (start, reconnect, a lost message) asks for the recent ones, read
 * from the refresh tokens themselves: the database is the record, the bus
 * only makes it prompt. See docs/decisions/0008.
 */
@Injectable()
export class SessionRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  private connection: NatsConnection | null = null;

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly verifications: VerificationRepository,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = await connect(natsConnectionOptions(this.config, 'identity-sessions'));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }

  /** The family was just revoked (in the database): cancel what hangs on the session, then tell the gateways. */
  async ended(session: RevokedFamily, reason: SessionEndReason, at: Date): Promise<void> {
    await this.verifications.cancelOpenAttempts(session.accountId, at);
    const revocation: SessionRevocation = { sid: session.familyId, reason, until: this.until(at).toISOString() };
    try {
      if (!this.connection) throw new Error('not connected to NATS');
      this.connection.publish(busSubject(Subjects.identity.sessionRevoked), codec.encode(revocation));
      // Reaches the server before logout answers, so the next request anywhere sees it.
      await this.connection.flush();
    } catch (error) {
      // The gateways catch up from recent() on reconnect and on their periodic check.
      this.logger.error({ err: error, sid: session.familyId }, 'could not publish a session revocation');
    }
    this.logger.log({ sid: session.familyId, accountId: session.accountId, reason }, 'session ended');
  }

  /** Sessions ended while some of their access tokens may still be unexpired. */
  async recent(): Promise<RecentSessionRevocations> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    const families = await this.refreshTokens.revokedSince(since);
    return {
      revocations: families.map((family) => ({
        sid: family.familyId,
        // Why is not kept with the tokens; the gateway only needs which and until when.
        reason: 'logout',
        until: this.until(new Date(family.revokedAt)).toISOString(),
      })),
    };
  }

  /** The last access token of a session ended at `at` expires at most one access-token lifetime later. */
  private until(at: Date): Date {
    return new Date(at.getTime() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
  }
}
