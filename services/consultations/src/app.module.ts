import { Module } from '@nestjs/common';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { ConsultationsDatabase } from './database';

/** The consultations service. Its features arrive in their own issues; for now it owns its schema and answers health. */
@Module({
  imports: [PlatformModule.forService('consultations'), databaseModule(ConsultationsDatabase)],
  controllers: [healthController('consultations')],
})
export class ConsultationsModule {}
