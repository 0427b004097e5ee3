import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { FilesRepository } from '../files/files.repository';
import { ConsultationFilesController } from './consultation-files.controller';
import { ConsultationFilesService } from './consultation-files.service';

/** Files shared in online consultations; the access log and the bus client are the attachments' (ADR 0019). */
@Module({
  imports: [AttachmentsModule],
  controllers: [ConsultationFilesController],
  providers: [ConsultationFilesService, FilesRepository],
})
export class ConsultationFilesModule {}
