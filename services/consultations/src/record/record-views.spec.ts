import { referralStatus } from './record-views';

describe('a referral’s status', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const later = new Date('2026-04-01T10:00:00Z');

  it('is active while it has sessions and time left', () => {
    expect(referralStatus({ sessionsUsed: 2, sessionsTotal: 3, validUntil: later }, now)).toBe('active');
  });

  it('is used once every session is taken, even before it expires', () => {
    expect(referralStatus({ sessionsUsed: 3, sessionsTotal: 3, validUntil: later }, now)).toBe('used');
  });

  it('is expired from its validUntil instant on', () => {
    expect(referralStatus({ sessionsUsed: 0, sessionsTotal: 3, validUntil: now }, now)).toBe('expired');
  });
});
