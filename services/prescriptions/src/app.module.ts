import { Module } from '@nestjs/common';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { PrescriptionsDatabase } from './database';

/** The prescriptions service. Its features arrive in their own issues; for now it owns its schema and answers health. */
@Module({
  imports: [PlatformModule.forService('prescriptions'), databaseModule(PrescriptionsDatabase)],
  controllers: [healthController('prescriptions')],
})
export class PrescriptionsModule {}
