import { Global, Module } from '@nestjs/common';
import { BusClient, PlatformConfig } from '@pacjent/platform';
import { BookingClient } from './booking.client';
import { IdentityClient } from './identity.client';

/** Consultations' requests to other services over the bus. */
@Global()
@Module({
  providers: [
    {
      provide: BusClient,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) =>
        BusClient.connect({
          url: config.NATS_URL,
          name: `consultations-${config.INSTANCE_ID}`,
          timeoutMs: config.BUS_TIMEOUT_MS,
        }),
    },
    BookingClient,
    IdentityClient,
  ],
  exports: [BusClient, BookingClient, IdentityClient],
})
export class ClientsModule {}
