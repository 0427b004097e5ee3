import 'reflect-metadata';
import { runService } from '@pacjent/platform';
import { FilesDefinition } from './app';

runService(FilesDefinition);
