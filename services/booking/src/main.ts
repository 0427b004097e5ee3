import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { BookingDefinition } from './app';

runService(BookingDefinition);
