import { Module } from '@nestjs/common';
import { BusClient } from '@pacjent/platform';
import { BookingConfig } from '../config';
import { ReferralReleasesRepository } from './referral-releases.repository';
import { ReferralReleasesService } from './referral-releases.service';
import { ReferralsClient } from './referrals.client';

/** Booking's use of consultations' referrals: reserving and releasing sessions. */
@Module({
  providers: [
    {
      provide: BusClient,
      inject: [BookingConfig],
      useFactory: (config: BookingConfig) => BusClient.fromConfig(config, 'booking', config.REFERRAL_TIMEOUT_MS),
    },
    ReferralsClient,
    ReferralReleasesRepository,
    ReferralReleasesService,
  ],
  exports: [ReferralsClient, ReferralReleasesService],
})
export class ReferralsModule {}
