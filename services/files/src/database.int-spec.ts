import { describeServiceSchema } from '@pacjent/testing';
import { FilesDatabase } from './database';

describeServiceSchema(FilesDatabase);
