import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '@pacjent/platform';
import type { EntityManager } from 'typeorm';
import { BookingConfig } from '../config';
import { ReferralReleasesRepository, type PendingRelease } from './referral-releases.repository';
import { ReferralsClient } from './referrals.client';

/**
 * Gives referral sessions back to consultations, reliably: the release is
 * first written to the outbox (with the change that frees the session when
 * there is one), then sent; what cannot be sent now is retried by the job.
 */
@Injectable()
export class ReferralReleasesService {
  constructor(
    private readonly releases: ReferralReleasesRepository,
    private readonly referrals: ReferralsClient,
    private readonly config: BookingConfig,
    private readonly clock: Clock,
  ) {}

  /** Records a release inside the caller's transaction; call `sendNow` after it commits. */
  record(tx: EntityManager, release: PendingRelease): Promise<void> {
    return this.releases.add(release, this.clock.now(), tx);
  }

  /** Records a release on its own (when the booking that reserved it rolled back) and sends it. */
  async releaseNow(release: PendingRelease): Promise<void> {
    await this.releases.add(release, this.clock.now());
    await this.sendNow(release.reservationId);
  }

  async sendNow(reservationId: string): Promise<void> {
    await this.releases.drainDue(
      this.clock.now(),
      this.retryMs(),
      (release) => this.referrals.release(release),
      reservationId,
    );
  }

  /** Retries every due release; safe on several replicas (rows are taken with SKIP LOCKED). */
  @Interval(15_000)
  retryDue(): Promise<number> {
    return this.releases.drainDue(this.clock.now(), this.retryMs(), (release) => this.referrals.release(release));
  }

  private retryMs(): number {
    return this.config.REFERRAL_RELEASE_RETRY_SECONDS * 1000;
  }
}
