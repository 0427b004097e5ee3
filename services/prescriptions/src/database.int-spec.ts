import { describeServiceSchema } from '@pacjent/testing';
import { PrescriptionsDatabase } from './database';

describeServiceSchema(PrescriptionsDatabase);
