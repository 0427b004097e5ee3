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
    // Booking decides who an appointment belongs to; the files service asks it over the bus.
    {
      provide: BusClient,
      inject: [FilesConfig],
      useFactory: (config: FilesConfig) => BusClient.fromConfig(config, 'files'),
    },
  ],
})
export class AttachmentsModule {}
