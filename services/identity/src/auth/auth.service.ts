import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  SessionEndReason,
  type LoginDto,
  type RefreshTokenDto,
  type TokenResult,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import type { AccountEntity } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { normaliseEmail } from '../accounts/email';
import { PasswordHasher } from '../accounts/password-hasher';
import { IdentityConfig } from '../config';
import { AccessTokenIssuer } from '../keys/access-token.issuer';
import { LoginThrottleService } from './login-throttle.service';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations';

const invalidCredentials = () => new DomainError(ErrorCode.INVALID_CREDENTIALS, 'The email or password is incorrect.');
const invalidRefreshToken = () =>
  new DomainError(ErrorCode.INVALID_REFRESH_TOKEN, 'The session has ended. Sign in again.');

/** Login, refresh-token rotation and logout. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly sessions: SessionRevocations,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  /** Unknown email and wrong password get the same answer, after the same work. */
  async login(input: LoginDto, clientIp: string | undefined): Promise<TokenResult> {
    const email = normaliseEmail(input.email);
    const account = await this.throttle.attempt(email, clientIp, () => this.checkCredentials(email, input.password));
    if (!account) throw invalidCredentials();
    const session = await this.startFamily(account.id);
    return this.tokens(account, session.refreshToken, session.familyId);
  }

  /** The account when the password is right; null otherwise, after the same argon2 work either way. */
  private async checkCredentials(email: string, password: string): Promise<AccountEntity | null> {
    const account = await this.accounts.findByEmail(email);
    const matches = await this.passwords.verify(account?.passwordHash ?? null, password);
    return account && matches ? account : null;
  }

  /**
   * Exchanges a refresh token for new tokens, using it up. A token presented
   * again after it was used means it leaked: its whole family is revoked.
   */
  async refresh(input: RefreshTokenDto): Promise<TokenResult> {
    const now = this.clock.now();
    const presented = hashRefreshToken(input.refreshToken);
    const next = newRefreshToken();
    const rotated = await this.refreshTokens.rotate(presented, next.hash, now, this.refreshExpiry(now));
    if (!rotated) {
      const known = await this.refreshTokens.findByHash(presented);
      if (known?.usedAt) {
        await this.refreshTokens.revokeFamily(known.familyId, now);
        this.logger.warn({ familyId: known.familyId }, 'a used refresh token was presented again: family revoked');
        await this.sessions.ended(known, SessionEndReason.REFRESH_REUSE, now);
      }
      throw invalidRefreshToken();
    }
    const account = await this.accounts.findById(rotated.accountId);
    if (!account) throw invalidRefreshToken();
    return this.tokens(account, next.token, rotated.familyId);
  }

  /**
   * Ends the session the token belongs to: its refresh tokens, and (through
   * the gateways) its access tokens at once. Unknown tokens are fine; an
   * already revoked session is announced again, which changes nothing.
   */
  async logout(input: RefreshTokenDto): Promise<Record<string, never>> {
    const now = this.clock.now();
    const session = await this.refreshTokens.revokeFamilyOf(hashRefreshToken(input.refreshToken), now);
    if (session) await this.sessions.ended(session, SessionEndReason.LOGOUT, now);
    return {};
  }

  /** A new session: the first refresh token of a new family, whose id is the session id. */
  private async startFamily(accountId: string): Promise<{ refreshToken: string; familyId: string }> {
    const now = this.clock.now();
    const refreshToken = newRefreshToken();
    const familyId = randomUUID();
    await this.refreshTokens.create({
      familyId,
      accountId,
      tokenHash: refreshToken.hash,
      createdAt: now,
      expiresAt: this.refreshExpiry(now),
    });
    return { refreshToken: refreshToken.token, familyId };
  }

  /** The answer to login and refresh: an access token with the account's current roles and level. */
  private async tokens(account: AccountEntity, refreshToken: string, sessionId: string): Promise<TokenResult> {
    const access = await this.accessTokens.issue({
      sub: account.id,
      roles: account.roles,
      level: account.level,
      sid: sessionId,
    });
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      refreshToken,
      refreshExpiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS,
    };
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
  }
}
