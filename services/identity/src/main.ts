import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { IdentityDefinition } from './app';

runService(IdentityDefinition);
