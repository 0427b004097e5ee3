import { decide, throttleKey, type ThrottleRule } from './login-throttle';

const now = new Date('2026-11-25T12:00:00Z');
const account: ThrottleRule = { kind: 'account', maxFailures: 5, windowSeconds: 900 };
const ip: ThrottleRule = { kind: 'ip', maxFailures: 30, windowSeconds: 60 };
const inSeconds = (s: number) => new Date(now.getTime() + s * 1000);

describe('throttleKey', () => {
  it('keeps no email or IP in the clear, and separates the kinds', () => {
    const key = throttleKey('account', 'jan@example.com');
    expect(key).toMatch(/^account:[0-9a-f]{64}$/);
    expect(key).not.toContain('jan');
    expect(throttleKey('account', 'jan@example.com')).toBe(key);
    expect(throttleKey('ip', 'jan@example.com')).not.toBe(key);
  });
});

describe('decide', () => {
  it('admits an attempt while failures plus attempts in flight (this one included) stay within the limit', () => {
    expect(decide({ failures: 4, pending: 1, windowEndsAt: inSeconds(900) }, account, now)).toEqual({
      outcome: 'admitted',
    });
    expect(decide({ failures: 0, pending: 5, windowEndsAt: inSeconds(900) }, account, now)).toEqual({
      outcome: 'admitted',
    });
    expect(decide({ failures: 29, pending: 1, windowEndsAt: inSeconds(60) }, ip, now)).toEqual({ outcome: 'admitted' });
  });

  it('locks a key whose failures used up the limit, until its window ends', () => {
    expect(decide({ failures: 5, pending: 1, windowEndsAt: inSeconds(840) }, account, now)).toEqual({
      outcome: 'locked',
      retryAfterSeconds: 840,
    });
    expect(decide({ failures: 30, pending: 1, windowEndsAt: inSeconds(12.2) }, ip, now)).toEqual({
      outcome: 'locked',
      retryAfterSeconds: 13,
    });
    expect(decide({ failures: 5, pending: 1, windowEndsAt: now }, account, now)).toEqual({
      outcome: 'locked',
      retryAfterSeconds: 1,
    });
  });

  it('makes an attempt wait, without locking, when only attempts still in flight fill the limit', () => {
    expect(decide({ failures: 2, pending: 4, windowEndsAt: inSeconds(900) }, account, now)).toEqual({
      outcome: 'busy',
    });
    expect(decide({ failures: 0, pending: 6, windowEndsAt: inSeconds(900) }, account, now)).toEqual({
      outcome: 'busy',
    });
  });
});
