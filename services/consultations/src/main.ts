import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { ConsultationsModule } from './app.module';
import { ConsultationsDatabase } from './database';

runService({ name: 'consultations', module: ConsultationsModule, database: ConsultationsDatabase });
