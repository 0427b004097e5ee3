import { Global, Module } from '@nestjs/common';
import { BusClient, PlatformConfig } from '@pacjent/platform';
import { BookingClient } from './booking.client';
import { IdentityClient } from './identity.client';
import { PrescriptionsClient } from './prescriptions.client';

/** Consultations' requests to other services over the bus (identity for patients, booking for visits, prescriptions for a visit's medicines). */
@Global()
@Module({
  providers: [
    {
      provide: BusClient,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => BusClient.fromConfig(config, 'consultations'),
    },
    BookingClient,
    IdentityClient,
    PrescriptionsClient,
  ],
  exports: [BusClient, BookingClient, IdentityClient, PrescriptionsClient],
})
export class ClientsModule {}
