import { describeServiceSchema } from '@pacjent/testing';
import { ConsultationsDatabase } from './database';

describeServiceSchema(ConsultationsDatabase);
