import { Injectable, Logger } from '@nestjs/common';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  VerificationFailure,
  VerificationMethod,
  type AccessHistoryEntryView,
  type Actor,
  type BankCallbackResult,
  type StartBankVerificationResult,
  type VerificationStatusView,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccountEntity } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { IdentityConfig } from '../config';
import { AccessLogRepository } from './access-log.repository';
import { BankClient, BankFailure } from './bank-client';
import {
  eventToHistory,
  toConfirmedIdentityView,
  toEventView,
  verificationOf,
  viewToHistory,
} from './verification.dto';
import { VerificationRepository } from './verification.repository';
import { BankClaimsError, bankPersonFrom, bankRefusal, warsawDate } from './verification-rules';

const FAILURE_CODES: readonly string[] = Object.values(VerificationFailure);

/** Identity confirmation through the bank, and what the patient sees of it. */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger(VerificationService.name);

  constructor(
    private readonly verifications: VerificationRepository,
    private readonly accounts: AccountsRepository,
    private readonly accessLog: AccessLogRepository,
    private readonly bank: BankClient,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts a bank confirmation bound to the caller's account and to their
   * browser: one state, nonce and PKCE verifier, used once, and the hash of
   * the binding cookie's value the gateway has set in that browser.
   */
  async startBank(actor: Actor | null, binding: string): Promise<StartBankVerificationResult> {
    const account = await this.callerAccount(actor);
    if (account.level === AccountLevel.FULL) {
      throw new DomainError(ErrorCode.ALREADY_VERIFIED, 'This account is already confirmed.');
    }
    const request = this.bank.newRequest();
    let authorizationUrl: string;
    try {
      authorizationUrl = await this.bank.authorizationUrl(request);
    } catch (error) {
      if (error instanceof BankFailure)
        throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The bank cannot be reached.');
      throw error;
    }
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.BANK_ATTEMPT_TTL_SECONDS * 1000);
    await this.verifications.createAttempt(
      { accountId: account.id, ...request, bindingHash: bindingHash(binding).toString('hex') },
      now,
      expiresAt,
    );
    return { authorizationUrl };
  }

  /**
   * Finishes a bank confirmation from the callback's query string and the
   * browser-binding cookie it came with. Never throws for a failed
   * confirmation: the outcome (with its code) is answered, so the gateway can
   * send the browser to the portal, and recorded on the account once the
   * callback is known to come from the browser that started its attempt
   * (ATTEMPT_INVALID and BANK_SESSION_MISMATCH record nothing anywhere).
   */
  async completeBank(query: string, binding: string | undefined): Promise<BankCallbackResult> {
    const outcome = await this.completeBankAttempt(query, binding);
    const target = new URL('/verification/result', this.config.PORTAL_URL);
    target.searchParams.set('status', outcome.status);
    if (outcome.code) target.searchParams.set('code', outcome.code);
    return { ...outcome, redirectTo: target.href };
  }

  private async completeBankAttempt(
    query: string,
    binding: string | undefined,
  ): Promise<Omit<BankCallbackResult, 'redirectTo'>> {
    if (!binding) {
      // Not the browser that started any attempt (a link sent to someone else): touch nothing.
      this.logger.warn('bank callback without a browser binding');
      return { status: 'failed', code: VerificationFailure.BANK_SESSION_MISMATCH };
    }
    const state = new URLSearchParams(query).get('state');
    const open = state ? await this.verifications.openAttempt(state, this.clock.now()) : null;
    if (!open) {
      // Unknown, expired, replayed or cancelled by logout: it belongs to no account we may touch.
      this.logger.warn('bank callback with an unknown, expired, used or cancelled state');
      return { status: 'failed', code: VerificationFailure.ATTEMPT_INVALID };
    }
    if (!timingSafeEqual(bindingHash(binding), Buffer.from(open.bindingHash, 'hex'))) {
      // Another browser's attempt, or another attempt's cookie: the code is not exchanged, the attempt
      // stays as it was (its own browser may still finish it) and no account changes.
      this.logger.warn({ accountId: open.accountId }, 'bank callback from a browser that did not start the attempt');
      return { status: 'failed', code: VerificationFailure.BANK_SESSION_MISMATCH };
    }
    const attempt = await this.verifications.consumeAttempt(open.id, this.clock.now());
    if (!attempt) {
      this.logger.warn('bank callback for an attempt used or cancelled a moment ago');
      return { status: 'failed', code: VerificationFailure.ATTEMPT_INVALID };
    }
    const refuse = async (
      code: VerificationFailure,
      reason: string,
    ): Promise<Omit<BankCallbackResult, 'redirectTo'>> => {
      await this.verifications.recordRefusal({
        accountId: attempt.accountId,
        method: VerificationMethod.BANK,
        outcome: 'refused',
        code,
        reason,
        staffId: null,
        documentType: null,
        documentLast4: null,
        note: null,
        at: this.clock.now(),
      });
      this.logger.log({ accountId: attempt.accountId, code }, 'bank confirmation refused');
      return { status: 'failed', code };
    };
    try {
      const person = bankPersonFrom(await this.bank.complete(query, attempt));
      const account = await this.accounts.findById(attempt.accountId);
      if (!account) return { status: 'failed', code: VerificationFailure.ATTEMPT_INVALID };
      const refusal = bankRefusal(person, account.pesel, warsawDate(this.clock.now()));
      if (refusal) return await refuse(refusal.code, refusal.reason);
      const now = this.clock.now();
      await this.verifications.confirm({
        accountId: account.id,
        method: VerificationMethod.BANK,
        pesel: person.pesel,
        firstName: person.firstName,
        lastName: person.lastName,
        birthDate: person.birthDate,
        event: {
          accountId: account.id,
          method: VerificationMethod.BANK,
          outcome: 'confirmed',
          code: null,
          reason: null,
          staffId: null,
          documentType: null,
          documentLast4: null,
          note: null,
          at: now,
        },
      });
      this.logger.log({ accountId: account.id }, 'identity confirmed through the bank');
      return { status: 'confirmed', code: null };
    } catch (error) {
      if (error instanceof BankFailure) return refuse(error.code, error.message);
      if (error instanceof BankClaimsError) return refuse(VerificationFailure.INVALID_ID_TOKEN, error.message);
      if (error instanceof DomainError && FAILURE_CODES.includes(error.code)) {
        return refuse(error.code as VerificationFailure, error.message);
      }
      throw error;
    }
  }

  async status(actor: Actor | null): Promise<VerificationStatusView> {
    const account = await this.callerAccount(actor);
    const [latest, confirmed] = await Promise.all([
      this.verifications.latestEvent(account.id),
      this.verifications.confirmedIdentity(account.id),
    ]);
    return {
      level: account.level,
      verification: verificationOf(account),
      code: latest?.outcome === 'refused' ? (latest.code as VerificationFailure | null) : null,
      latest: latest ? toEventView(latest) : null,
      confirmedAs: confirmed ? toConfirmedIdentityView(confirmed) : null,
    };
  }

  /** "Historia dostępu": who confirmed (or refused) the identity, and which staff looked at the account. */
  async accessHistory(actor: Actor | null): Promise<AccessHistoryEntryView[]> {
    const account = await this.callerAccount(actor);
    const [events, views] = await Promise.all([
      this.verifications.events(account.id),
      this.accessLog.aboutPatient(account.id),
    ]);
    return [
      ...events.map(eventToHistory),
      ...views.filter((v) => v.action === 'patient.view' || v.action === 'record.view').map(viewToHistory),
    ].sort((a, b) => b.at.localeCompare(a.at));
  }

  private async callerAccount(actor: Actor | null): Promise<AccountEntity> {
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    const account = await this.accounts.findById(actor.id);
    if (!account) throw new DomainError(ErrorCode.NOT_FOUND, 'The account does not exist.');
    return account;
  }
}

/** SHA-256 of the browser-binding cookie's value: what is stored, and what a callback's cookie is compared as. */
function bindingHash(binding: string): Buffer {
  return createHash('sha256').update(binding, 'utf8').digest();
}
