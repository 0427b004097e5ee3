import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { ConsultationsDefinition } from './app';

runService(ConsultationsDefinition);
