import { createHash } from 'node:crypto';

/** At most `maxFailures` failed logins per key within a window that starts at the first failure. */
export interface ThrottleRule {
  kind: 'account' | 'ip';
  maxFailures: number;
  windowSeconds: number;
}

/** A key's counters right after an attempt was added to `pending`. */
export interface ThrottleCount {
  failures: number;
  pending: number;
  windowEndsAt: Date;
}

export type ThrottleDecision =
  | { outcome: 'admitted' }
  /** The limit is used up by failures: refused until the window ends. */
  | { outcome: 'locked'; retryAfterSeconds: number }
  /** Failures so far plus attempts still being checked would exceed the limit: wait for those to finish. */
  | { outcome: 'busy' };

/** The stored key for an email or an IP: hashed, so the throttle table holds no personal data. */
export function throttleKey(kind: ThrottleRule['kind'], value: string): string {
  return `${kind}:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/**
 * Whether an attempt may check its password. Attempts still in flight count
 * against the limit, so a burst of parallel guesses cannot slip past it; they
 * are not failures, so they only make others wait, never lock the key.
 */
export function decide(count: ThrottleCount, rule: ThrottleRule, now: Date): ThrottleDecision {
  if (count.failures >= rule.maxFailures) {
    const seconds = Math.ceil((count.windowEndsAt.getTime() - now.getTime()) / 1000);
    return { outcome: 'locked', retryAfterSeconds: Math.max(1, seconds) };
  }
  if (count.failures + count.pending > rule.maxFailures) return { outcome: 'busy' };
  return { outcome: 'admitted' };
}
