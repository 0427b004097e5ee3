import { Global, Module } from '@nestjs/common';
import { BusClient, PlatformConfig } from '@pacjent/platform';
import { BookingClient } from './booking.client';
import { FilesClient } from './files.client';
import { IdentityClient } from './identity.client';
import { PrescriptionsClient } from './prescriptions.client';

/** Consultations' requests to other services over the bus (identity for patients, booking for visits, prescriptions for a visit's medicines, files for a shared file). */
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
    FilesClient,
  ],
  exports: [BusClient, BookingClient, IdentityClient, PrescriptionsClient, FilesClient],
})
export class ClientsModule {}
