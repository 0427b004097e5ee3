import { Global, Module } from '@nestjs/common';
import { BusClient } from '@pacjent/platform';
import { ConsultationsConfig } from './config';

/** Consultations asks other services (identity for patients, booking for visits) over the bus. */
@Global()
@Module({
  providers: [
    {
      provide: BusClient,
      inject: [ConsultationsConfig],
      useFactory: (config: ConsultationsConfig) => BusClient.fromConfig(config, 'consultations'),
    },
  ],
  exports: [BusClient],
})
export class ConsultationsBusModule {}
