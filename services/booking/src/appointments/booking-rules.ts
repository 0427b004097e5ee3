import { DomainError, ErrorCode, type AccountLevel, type Channel, type ServiceKind } from '@pacjent/contracts';

/** What the rules need to know about the slot being booked. */
export interface BookableSlot {
  serviceId: string;
  startsAt: Date;
  endsAt: Date;
  channel: Channel;
  serviceKind: ServiceKind;
  basicAllowed: boolean;
  requiresReferral: boolean;
}

export interface BookingAttempt {
  /** The patient's account level, or null when staff book on the patient's behalf (they vouch for it). */
  level: AccountLevel | null;
  hasOccupationalReferral: boolean;
  /** Whether a referral id came with the request (consultations decides whether it is usable). */
  hasReferral: boolean;
}

/**
 * Why this booking may not happen, judged from the slot and the request alone
 * (the limit and "already taken" are the database's to decide), or null.
 */
export function bookingRefusal(slot: BookableSlot, attempt: BookingAttempt, now: Date): DomainError | null {
  if (slot.startsAt.getTime() <= now.getTime()) {
    return new DomainError(ErrorCode.SLOT_IN_PAST, 'This slot has already started.');
  }
  // Basic accounts: phone and in-person visits and the services open to them; online (video) needs a full account.
  if (attempt.level === 'basic' && (!slot.basicAllowed || slot.channel === 'video')) {
    return new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to book this service.');
  }
  if (slot.requiresReferral && !attempt.hasReferral) {
    return new DomainError(ErrorCode.REFERRAL_REQUIRED, 'This service needs a valid referral.');
  }
  if (slot.serviceKind === 'occupational' && !attempt.hasOccupationalReferral) {
    return new DomainError(
      ErrorCode.OCCUPATIONAL_REFERRAL_REQUIRED,
      "Occupational medicine needs the employer's referral (employer, position, referral number).",
    );
  }
  return null;
}
