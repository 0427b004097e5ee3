import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { AttachmentsModule } from './attachments/attachments.module';
import { ConsultationFilesModule } from './consultation-files/consultation-files.module';
import { FilesConfig } from './config';
import { FilesDatabase } from './database';
import { FilesFeatureModule } from './files/files.module';
import { LabDocumentsModule } from './lab-documents/lab-documents.module';
import { RetentionModule } from './retention/retention.module';
import { StorageModule } from './storage/storage.module';

/** The files service: patients' documents on S3 (metadata here, bytes there), the quota and the expiry job. */
@Module({
  imports: [
    PlatformModule.forService('files', FilesConfig),
    databaseModule(FilesDatabase),
    ScheduleModule.forRoot(),
    StorageModule,
    FilesFeatureModule,
    RetentionModule,
    AttachmentsModule,
    ConsultationFilesModule,
    LabDocumentsModule,
  ],
  controllers: [healthController('files')],
})
export class FilesModule {}
