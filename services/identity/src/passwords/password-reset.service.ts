import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  SessionEndReason,
  type PasswordResetDto,
  type PasswordResetRequestDto,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { AccountsRepository } from '../accounts/accounts.repository';
import { normaliseEmail } from '../accounts/email';
import { PasswordHasher } from '../accounts/password-hasher';
import { PasswordPolicy } from '../accounts/password-policy';
import { hashRefreshToken, newRefreshToken } from '../auth/refresh-token';
import { SessionRevocations } from '../auth/session-revocations';
import { RefreshTokensRepository } from '../auth/refresh-tokens.repository';
import { IdentityConfig } from '../config';
import { Mailer } from '../mail/mailer';
import { resetMail } from './reset-mail';
import { PasswordResetRepository } from './password-reset.repository';

const HOUR_MS = 3_600_000;
const invalidToken = () =>
  new DomainError(ErrorCode.RESET_TOKEN_INVALID, 'This reset link is unknown, used or expired. Ask for a new one.');

/**
 * "Nie pamiętasz hasła?": a single-use, short-lived link by e-mail (only its
 * SHA-256 is stored), the same answer whether or not the address has an
 * account, and a reset ends every session of the account (ADR 0008).
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly resets: PasswordResetRepository,
    private readonly accounts: AccountsRepository,
    private readonly passwords: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly sessions: SessionRevocations,
    private readonly mailer: Mailer,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  /** Always answers `{}`: nobody learns from it whether an address has an account. */
  async request(input: PasswordResetRequestDto): Promise<Record<string, never>> {
    const account = await this.accounts.findByEmail(normaliseEmail(input.email));
    if (!account) return {};
    const now = this.clock.now();
    const token = newRefreshToken();
    const stored = await this.resets.create(
      account.id,
      token.hash,
      now,
      new Date(now.getTime() + this.config.PASSWORD_RESET_TTL_SECONDS * 1000),
      new Date(now.getTime() - HOUR_MS),
      this.config.PASSWORD_RESET_MAX_PER_HOUR,
    );
    if (!stored) {
      this.logger.warn({ accountId: account.id }, 'password reset: hourly limit of the account reached, no e-mail');
      return {};
    }
    const link = new URL('/password-reset/new', this.config.PORTAL_URL);
    // In the fragment: browsers send it to no server, so it stays out of access logs and Referer headers.
    link.hash = `token=${token.token}`;
    this.mailer.sendInBackground(
      resetMail(account.email, link.href, Math.round(this.config.PASSWORD_RESET_TTL_SECONDS / 60)),
      { accountId: account.id },
    );
    this.logger.log({ accountId: account.id }, 'password reset link sent');
    return {};
  }

  /** Sets the new password with a link's token, once; every session of the account ends. */
  async complete(input: PasswordResetDto): Promise<Record<string, never>> {
    const tokenHash = hashRefreshToken(input.token);
    const now = this.clock.now();
    const accountId = await this.resets.accountOfUsable(tokenHash, now);
    const account = accountId ? await this.accounts.findById(accountId) : null;
    if (!account) throw invalidToken();
    this.policy.assertStrong(input.password, [account.lastName, account.firstName, account.email]);
    const changed = await this.resets.resetPassword(tokenHash, await this.passwords.hash(input.password), now);
    if (!changed) throw invalidToken();
    await this.endSessions(changed, now);
    this.logger.log({ accountId: changed }, 'password reset with an e-mailed link');
    return {};
  }

  /** Ends the account's sessions but the one holding `keepRefreshToken`, and voids its open reset links. */
  async endSessions(accountId: string, now: Date, keepRefreshToken?: string): Promise<void> {
    await this.resets.useUpAll(accountId, now);
    const ended = await this.refreshTokens.revokeAccountFamilies(
      accountId,
      now,
      keepRefreshToken ? hashRefreshToken(keepRefreshToken) : undefined,
    );
    for (const session of ended) await this.sessions.ended(session, SessionEndReason.PASSWORD_CHANGED, now);
  }
}
