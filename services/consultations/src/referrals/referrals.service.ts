import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  Role,
  type Actor,
  type ReferralRelease,
  type ReferralReservation,
  type ReferralView,
  type ReleaseReferralSessionDto,
  type ReserveReferralSessionDto,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { mapReferral } from '../record/record-views';
import { ReferralsRepository } from './referrals.repository';

const referralRequired = () =>
  new DomainError(ErrorCode.REFERRAL_REQUIRED, 'This visit needs a valid referral with sessions left.');

/** Referrals: the patient's list, and booking's session reservations (libs/contracts referrals.ts). */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly clock: Clock,
  ) {}

  async list(patient: Actor): Promise<ReferralView[]> {
    const now = this.clock.now();
    return (await this.referrals.listOfPatient(patient.id)).map((referral) => mapReferral(referral, now));
  }

  async reserve(actor: Actor, request: ReserveReferralSessionDto): Promise<ReferralReservation> {
    // A patient books for themselves; staff (phone, facility) for the patient named.
    if (!actor.roles.includes(Role.STAFF) && actor.id !== request.patientId) throw referralRequired();
    const reservation = await this.referrals.reserve({
      reservationId: request.reservationId,
      referralId: request.referralId,
      patientId: request.patientId,
      serviceId: request.serviceId,
      startsAt: new Date(request.startsAt),
      now: this.clock.now(),
    });
    if (!reservation || reservation.status !== 'reserved') throw referralRequired();
    return {
      referralId: reservation.referralId,
      reservationId: request.reservationId,
      sessionsLeft: reservation.sessionsLeft,
    };
  }

  async release(actor: Actor, request: ReleaseReferralSessionDto): Promise<ReferralRelease> {
    if (!actor.roles.includes(Role.STAFF) && actor.id !== request.patientId) return { released: false };
    return { released: await this.referrals.release({ ...request, now: this.clock.now() }) };
  }
}
