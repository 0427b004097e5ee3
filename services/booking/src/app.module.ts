import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { AppointmentsModule } from './appointments/appointments.module';
import { CatalogModule } from './catalog/catalog.module';
import { BookingConfig } from './config';
import { BookingDatabase } from './database';
import { DemoModule } from './demo/demo.module';
import { OnlineCatalogModule } from './online/online-catalog.module';
import { RelationsModule } from './relations/relations.module';
import { SchedulesModule } from './schedules/schedules.module';
import { SlotsModule } from './slots/slots.module';
import { VisitOutcomesModule } from './visit-outcomes/visit-outcomes.module';
import { DoctorDayModule } from './doctor-day/doctor-day.module';
import { RecordNotificationsModule } from './record-notifications/record-notifications.module';

/** The booking service: catalog, free-slot search, appointments, and the demo network. */
@Module({
  imports: [
    PlatformModule.forService('booking', BookingConfig),
    databaseModule(BookingDatabase),
    ScheduleModule.forRoot(),
    CatalogModule,
    SlotsModule,
    SchedulesModule,
    AppointmentsModule,
    DemoModule,
    RelationsModule,
    VisitOutcomesModule,
    DoctorDayModule,
    RecordNotificationsModule,
    OnlineCatalogModule,
  ],
  controllers: [healthController('booking')],
})
export class BookingModule {}
