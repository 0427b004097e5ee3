import type { ServiceDefinition } from '@pacjent/platform';
import { ConsultationsModule } from './app.module';
import { ConsultationsDatabase } from './database';

export const ConsultationsDefinition: ServiceDefinition = {
  name: 'consultations',
  module: ConsultationsModule,
  database: ConsultationsDatabase,
};
