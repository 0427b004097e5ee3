import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type Actor,
  type ReferralRelease,
  type ReferralReservation,
  type ReleaseReferralSessionDto,
  type ReserveReferralSessionDto,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { BookingConfig } from '../config';
import type { PendingRelease } from './referral-releases.repository';

/** Consultations did not answer a reservation; `mayHaveReserved` when it may have reserved and the reply was lost. */
export class ReferralsUnavailable extends DomainError {
  constructor(readonly mayHaveReserved: boolean) {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'Referrals cannot be checked right now; try again in a moment.', {
      service: 'consultations',
    });
  }
}

/**
 * Booking's side of the referral contract (libs/contracts referrals.ts).
 * Consultations owns referrals and answers these requests.
 */
@Injectable()
export class ReferralsClient {
  private readonly logger = new Logger(ReferralsClient.name);

  constructor(
    private readonly bus: BusClient,
    private readonly config: BookingConfig,
  ) {}

  /**
   * Reserves one session. A refusal stays REFERRAL_REQUIRED. When
   * consultations does not answer (nobody listens, or too late) the patient
   * may well hold a valid referral, so the answer is SERVICE_UNAVAILABLE, not
   * REFERRAL_REQUIRED; the caller releases the reservation in case it was
   * made and only the reply was lost.
   */
  async reserve(actor: Actor, request: ReserveReferralSessionDto): Promise<ReferralReservation> {
    try {
      return await this.bus.request<ReferralReservation>(
        Subjects.consultations.reserveReferralSession,
        { actor, data: request },
        { timeoutMs: this.config.REFERRAL_TIMEOUT_MS },
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.REFERRAL_REQUIRED) throw error;
      // Nobody listening is a clean "no"; anything else (late or garbled answer) may hide a reservation.
      const nobodyListened = error instanceof DomainError && error.code === ErrorCode.SERVICE_UNAVAILABLE;
      if (!nobodyListened) this.logger.warn({ err: error }, 'referral reservation outcome unknown');
      throw new ReferralsUnavailable(!nobodyListened);
    }
  }

  /** Gives a session back; true when consultations answered (released or nothing to release). */
  async release(release: PendingRelease): Promise<boolean> {
    // The patient the referral belongs to asks for their own session back.
    const actor: Actor = { id: release.patientId, roles: [Role.PATIENT], level: 'full' };
    const data: ReleaseReferralSessionDto = {
      referralId: release.referralId,
      reservationId: release.reservationId,
      patientId: release.patientId,
    };
    try {
      await this.bus.request<ReferralRelease>(
        Subjects.consultations.releaseReferralSession,
        { actor, data },
        { timeoutMs: this.config.REFERRAL_TIMEOUT_MS },
      );
      return true;
    } catch (error) {
      this.logger.warn({ err: error, reservationId: release.reservationId }, 'referral release not delivered yet');
      return false;
    }
  }
}
