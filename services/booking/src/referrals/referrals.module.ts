import { Module } from '@nestjs/common';
import { BusClient, natsAuth } from '@pacjent/platform';
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
      useFactory: (config: BookingConfig) =>
        BusClient.connect({
          url: config.NATS_URL,
          name: `booking-${config.INSTANCE_ID}`,
          timeoutMs: config.REFERRAL_TIMEOUT_MS,
          ...natsAuth(config),
        }),
    },
    ReferralsClient,
    ReferralReleasesRepository,
    ReferralReleasesService,
  ],
  exports: [ReferralsClient, ReferralReleasesService],
})
export class ReferralsModule {}
