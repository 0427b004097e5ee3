import { IsISO8601, IsUUID } from 'class-validator';

/**
 * Rehabilitation referrals belong to the consultations service. Booking asks
 * it over the bus to reserve one session of a referral for an appointment,
 * and to release that session when the appointment is cancelled or the
 * booking fails. Subjects: `Subjects.consultations.reserveReferralSession`
 * and `Subjects.consultations.releaseReferralSession`.
 *
 * Both are idempotent by `reservationId` (booking uses the appointment's id):
 * reserving twice with the same id uses one session; releasing an unknown or
 * already released reservation answers `{ released: false }`. A release may
 * overtake its reservation (booking releases when a reservation's answer is
 * late): consultations remembers released ids and refuses a later
 * reservation with one of them, so the session is never lost.
 *
 * `actor` is whoever books: the patient (portal) or a staff member (phone,
 * facility); `patientId` is the patient the referral must belong to.
 */
export class ReserveReferralSessionDto {
  @IsUUID()
  referralId: string;

  /** Booking's id for this reservation (the appointment's id). */
  @IsUUID()
  reservationId: string;

  @IsUUID()
  patientId: string;

  /** The booked service (consultations checks that the referral is for it). */
  @IsUUID()
  serviceId: string;

  /** When the session takes place (a referral may expire before it). */
  @IsISO8601()
  startsAt: string;
}

/**
 * The answer when a session is reserved. When it is not, consultations fails
 * the request with `REFERRAL_REQUIRED` (unknown referral, somebody else's,
 * expired, for another service, or no sessions left).
 */
export interface ReferralReservation {
  referralId: string;
  reservationId: string;
  /** Sessions still free on the referral after this reservation. */
  sessionsLeft: number;
}

export class ReleaseReferralSessionDto {
  @IsUUID()
  referralId: string;

  @IsUUID()
  reservationId: string;

  @IsUUID()
  patientId: string;
}

export interface ReferralRelease {
  /** False when there was nothing to release (unknown or already released). */
  released: boolean;
}
