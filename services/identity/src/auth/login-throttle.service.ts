import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdentityConfig } from '../config';
import { decide, throttleKey, type ThrottleRule } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';

/** How long an attempt waits for parallel attempts on the same email or IP to finish before giving up. */
const BUSY_RETRY_DELAYS_MS = [20, 40, 80, 160, 320, 640];

interface Guarded {
  key: string;
  rule: ThrottleRule;
}

const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(ErrorCode.TOO_MANY_ATTEMPTS, 'Too many failed login attempts. Try again later.', {
    retryAfterSeconds,
  });

/**
 * Limits failed logins per email and per client IP, across all replicas.
 * An attempt is admitted before its password is checked (counting the ones
 * still being checked, so a burst of parallel guesses cannot slip past the
 * limit), and only a failed check counts against the limit: successful
 * logins are never throttled by their number. Once an email or IP has used
 * up its failures, every attempt with it is refused until the window ends,
 * even with the right password.
 */
@Injectable()
export class LoginThrottleService {
  private readonly accountRule: ThrottleRule;
  private readonly ipRule: ThrottleRule;

  constructor(
    private readonly counters: LoginThrottleRepository,
    private readonly clock: Clock,
    config: IdentityConfig,
  ) {
    this.accountRule = {
      kind: 'account',
      maxFailures: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      windowSeconds: config.LOGIN_ACCOUNT_WINDOW_SECONDS,
    };
    this.ipRule = {
      kind: 'ip',
      maxFailures: config.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.LOGIN_IP_WINDOW_SECONDS,
    };
  }

  /**
   * Runs `check` (a credential check answering null on failure) if the email
   * and IP may try now, and counts its outcome. Throws TOO_MANY_ATTEMPTS with
   * `retryAfterSeconds` when they may not.
   */
  async attempt<T>(email: string, clientIp: string | undefined, check: () => Promise<T | null>): Promise<T | null> {
    const guarded: Guarded[] = [{ key: throttleKey('account', email), rule: this.accountRule }];
    if (clientIp) guarded.push({ key: throttleKey('ip', clientIp), rule: this.ipRule });

    await this.admit(guarded);
    let result: T | null;
    try {
      result = await check();
    } catch (error) {
      await this.releaseAll(guarded);
      throw error;
    }
    const now = this.clock.now();
    for (const { key, rule } of guarded) {
      if (result === null) await this.counters.recordFailure(key, this.windowEnd(rule, now), now);
      else if (rule.kind === 'account') await this.counters.reset(key);
      else await this.counters.release(key);
    }
    return result;
  }

  private async admit(guarded: Guarded[]): Promise<void> {
    for (const delay of [...BUSY_RETRY_DELAYS_MS, null]) {
      const now = this.clock.now();
      const decisions = [];
      for (const { key, rule } of guarded) {
        decisions.push(decide(await this.counters.reserve(key, this.windowEnd(rule, now), now), rule, now));
      }
      if (decisions.every((d) => d.outcome === 'admitted')) return;
      await this.releaseAll(guarded);
      const locked = decisions.flatMap((d) => (d.outcome === 'locked' ? [d.retryAfterSeconds] : []));
      if (locked.length > 0) throw tooManyAttempts(Math.max(...locked));
      if (delay === null) throw tooManyAttempts(1);
      await sleep(delay);
    }
  }

  private async releaseAll(guarded: Guarded[]): Promise<void> {
    for (const { key } of guarded) await this.counters.release(key);
  }

  /** Where a window starting at `now` ends. */
  private windowEnd(rule: ThrottleRule, now: Date = this.clock.now()): Date {
    return new Date(now.getTime() + rule.windowSeconds * 1000);
  }
}
