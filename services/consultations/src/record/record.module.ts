import { Module } from '@nestjs/common';
import { OnlineStoreModule } from '../online/online-store.module';
import { VisitsModule } from '../visits/visits.module';
import { RecordController } from './record.controller';
import { RecordRepository } from './record.repository';
import { RecordService } from './record.service';

/** The patient's treatment record (and, for doctors with a relation, the same record). */
@Module({
  imports: [VisitsModule, OnlineStoreModule],
  controllers: [RecordController],
  providers: [RecordRepository, RecordService],
  exports: [RecordRepository, RecordService],
})
export class RecordModule {}
