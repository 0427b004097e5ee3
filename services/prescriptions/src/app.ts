import type { ServiceDefinition } from '@pacjent/platform';
import { PrescriptionsModule } from './app.module';
import { PrescriptionsDatabase } from './database';

export const PrescriptionsDefinition: ServiceDefinition = {
  name: 'prescriptions',
  module: PrescriptionsModule,
  database: PrescriptionsDatabase,
};
