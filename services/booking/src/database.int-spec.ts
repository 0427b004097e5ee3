import { describeServiceSchema } from '@pacjent/testing';
import { BookingDatabase } from './database';

describeServiceSchema(BookingDatabase);
