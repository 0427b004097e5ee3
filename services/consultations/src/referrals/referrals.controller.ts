import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  ReleaseReferralSessionDto,
  ReserveReferralSessionDto,
  Subjects,
  type BusRequest,
  type ReferralRelease,
  type ReferralReservation,
  type ReferralView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireFullPatient } from '../actors';
import { ReferralsService } from './referrals.service';

@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @BusHandler(Subjects.consultations.listReferrals)
  list(payload: BusRequest): Promise<ReferralView[]> {
    return this.referrals.list(requireFullPatient(payload.actor));
  }

  /** Asked by booking (the actor is whoever books). */
  @BusHandler(Subjects.consultations.reserveReferralSession)
  reserve(payload: BusRequest): Promise<ReferralReservation> {
    if (!payload.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    return this.referrals.reserve(payload.actor, validateInput(ReserveReferralSessionDto, payload.data));
  }

  @BusHandler(Subjects.consultations.releaseReferralSession)
  release(payload: BusRequest): Promise<ReferralRelease> {
    if (!payload.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first.');
    return this.referrals.release(payload.actor, validateInput(ReleaseReferralSessionDto, payload.data));
  }
}
