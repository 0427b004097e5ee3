import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { PrescriptionsModule } from './app.module';
import { PrescriptionsDatabase } from './database';

runService({ name: 'prescriptions', module: PrescriptionsModule, database: PrescriptionsDatabase });
