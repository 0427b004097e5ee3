import type { ServiceDefinition } from '@pacjent/platform';
import { FilesModule } from './app.module';
import { FilesDatabase } from './database';

export const FilesDefinition: ServiceDefinition = { name: 'files', module: FilesModule, database: FilesDatabase };
