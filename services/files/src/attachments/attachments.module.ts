import { Module } from '@nestjs/common';
import { BusClient } from '@pacjent/platform';
import { FilesConfig } from '../config';
import { FilesRepository } from '../files/files.repository';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

@Module({
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    AttachmentsRepository,
    FilesRepository,
    // Booking decides who an appointment belongs to, consultations who an online consultation's files were
    // shared with; the files service asks them over the bus.
    {
      provide: BusClient,
      inject: [FilesConfig],
      useFactory: (config: FilesConfig) => BusClient.fromConfig(config, 'files'),
    },
  ],
  // Files shared in online consultations log their reads and ask consultations the same way.
  exports: [AttachmentsRepository, BusClient],
})
export class AttachmentsModule {}
