import type { ServiceDefinition } from '@pacjent/platform';
import { BookingModule } from './app.module';
import { BookingDatabase } from './database';

/** How to run the booking service: by main.ts in production, in-process by tests. */
export const BookingDefinition: ServiceDefinition = {
  name: 'booking',
  module: BookingModule,
  database: BookingDatabase,
};
