import { Module } from '@nestjs/common';
import { BusClient } from '@pacjent/platform';
import { BookingConfig } from '../config';
import { DoctorDayController } from './doctor-day.controller';
import { DoctorDayRepository } from './doctor-day.repository';
import { DoctorDayService } from './doctor-day.service';

/** The doctor's own visits of a day. */
@Module({
  controllers: [DoctorDayController],
  providers: [
    {
      provide: BusClient,
      inject: [BookingConfig],
      useFactory: (config: BookingConfig) => BusClient.fromConfig(config, 'booking-doctor-day'),
    },
    DoctorDayRepository,
    DoctorDayService,
  ],
})
export class DoctorDayModule {}
