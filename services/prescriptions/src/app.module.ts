import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { CatalogModule } from './catalog/catalog.module';
import { PrescriptionsConfig } from './config';
import { PrescriptionsDatabase } from './database';
import { DemoModule } from './demo/demo.module';
import { EventsModule } from './events/events.module';
import { PrescriptionsFeatureModule } from './prescriptions/prescriptions.module';
import { RenewalsModule } from './renewals/renewals.module';

/** The prescriptions service: the medicines catalog, e-prescriptions and renewal requests. */
@Module({
  imports: [
    PlatformModule.forService('prescriptions', PrescriptionsConfig),
    databaseModule(PrescriptionsDatabase),
    ScheduleModule.forRoot(),
    EventsModule,
    CatalogModule,
    PrescriptionsFeatureModule,
    RenewalsModule,
    DemoModule,
  ],
  controllers: [healthController('prescriptions')],
})
export class PrescriptionsModule {}
