import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { FilesModule } from './app.module';
import { FilesDatabase } from './database';

runService({ name: 'files', module: FilesModule, database: FilesDatabase });
