import { Global, Module } from '@nestjs/common';
import { BusClient, PlatformConfig } from '@pacjent/platform';
import { BookingClient } from './booking.client';
import { IdentityClient } from './identity.client';

/** Consultations' requests to other services over the bus (identity for patients, booking for visits, files for lab PDFs). */
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
  ],
  exports: [BusClient, BookingClient, IdentityClient],
})
export class ClientsModule {}
