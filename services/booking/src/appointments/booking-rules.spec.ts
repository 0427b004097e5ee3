import { ErrorCode } from '@pacjent/contracts';
import { bookingRefusal, type BookableSlot } from './booking-rules';

const now = new Date('2026-03-02T07:00:00Z');
const slot = (overrides: Partial<BookableSlot> = {}): BookableSlot => ({
  serviceId: '6f1c1f7e-0000-4000-8000-000000000001',
  startsAt: new Date('2026-03-03T08:00:00Z'),
  endsAt: new Date('2026-03-03T08:20:00Z'),
  channel: 'in_person',
  serviceKind: 'consultation',
  basicAllowed: true,
  requiresReferral: false,
  ...overrides,
});
const basic = { level: 'basic' as const, hasOccupationalReferral: false, hasReferral: false };
const full = { level: 'full' as const, hasOccupationalReferral: false, hasReferral: false };
const staff = { level: null, hasOccupationalReferral: false, hasReferral: false };

describe('booking rules', () => {
  it('lets a basic account book an open in-person or phone visit', () => {
    expect(bookingRefusal(slot(), basic, now)).toBeNull();
    expect(bookingRefusal(slot({ channel: 'phone' }), basic, now)).toBeNull();
  });

  it('refuses a slot that has started, even a second ago or exactly now', () => {
    expect(bookingRefusal(slot({ startsAt: now }), full, now)?.code).toBe(ErrorCode.SLOT_IN_PAST);
    expect(bookingRefusal(slot({ startsAt: new Date(now.getTime() - 1000) }), staff, now)?.code).toBe(
      ErrorCode.SLOT_IN_PAST,
    );
  });

  it('asks a basic account to confirm its identity for closed services and video visits', () => {
    expect(bookingRefusal(slot({ basicAllowed: false }), basic, now)?.code).toBe(ErrorCode.VERIFICATION_REQUIRED);
    expect(bookingRefusal(slot({ channel: 'video' }), basic, now)?.code).toBe(ErrorCode.VERIFICATION_REQUIRED);
    expect(bookingRefusal(slot({ basicAllowed: false, channel: 'video' }), full, now)).toBeNull();
    expect(bookingRefusal(slot({ basicAllowed: false }), staff, now)).toBeNull();
  });

  it('requires a referral for rehabilitation, after the level check', () => {
    const rehabilitation = slot({ serviceKind: 'rehabilitation', requiresReferral: true, basicAllowed: false });
    expect(bookingRefusal(rehabilitation, full, now)?.code).toBe(ErrorCode.REFERRAL_REQUIRED);
    expect(bookingRefusal(rehabilitation, basic, now)?.code).toBe(ErrorCode.VERIFICATION_REQUIRED);
  });

  it('leaves a referral that came with the request to consultations to judge', () => {
    const rehabilitation = slot({ serviceKind: 'rehabilitation', requiresReferral: true, basicAllowed: false });
    expect(bookingRefusal(rehabilitation, { ...full, hasReferral: true }, now)).toBeNull();
    expect(bookingRefusal(rehabilitation, { ...basic, hasReferral: true }, now)?.code).toBe(
      ErrorCode.VERIFICATION_REQUIRED,
    );
  });

  it("requires the employer's referral for occupational medicine", () => {
    const occupational = slot({ serviceKind: 'occupational' });
    expect(bookingRefusal(occupational, basic, now)?.code).toBe(ErrorCode.OCCUPATIONAL_REFERRAL_REQUIRED);
    expect(bookingRefusal(occupational, { ...basic, hasOccupationalReferral: true }, now)).toBeNull();
  });
});
