import type { ServiceDefinition } from '@pacjent/platform';
import { IdentityModule } from './app.module';
import { IdentityDatabase } from './database';

export const IdentityDefinition: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  database: IdentityDatabase,
};
