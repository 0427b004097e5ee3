import { Module } from '@nestjs/common';
import { BusClient, PlatformConfig } from '@pacjent/platform';
import { AccessLogRepository } from '../verification/access-log.repository';
import { RecordAccessController } from './record-access.controller';
import { RecordAccessRepository } from './record-access.repository';
import { RecordAccessService } from './record-access.service';

/** Identity's part of the treatment record: patients' names for their doctors, and the record-read audit. */
@Module({
  controllers: [RecordAccessController],
  providers: [
    {
      provide: BusClient,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => BusClient.fromConfig(config, 'identity'),
    },
    AccessLogRepository,
    RecordAccessRepository,
    RecordAccessService,
  ],
})
export class RecordAccessModule {}
