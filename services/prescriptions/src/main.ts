import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { PrescriptionsDefinition } from './app';

runService(PrescriptionsDefinition);
