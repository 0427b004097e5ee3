import { Module } from '@nestjs/common';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { FilesDatabase } from './database';

/** The files service. Its features arrive in their own issues; for now it owns its schema and answers health. */
@Module({
  imports: [PlatformModule.forService('files'), databaseModule(FilesDatabase)],
  controllers: [healthController('files')],
})
export class FilesModule {}
