import { Module } from '@nestjs/common';
import { Icd10Module } from '../icd10/icd10.module';
import { VisitsModule } from '../visits/visits.module';
import { DemoDutySeeder } from './demo-duty.seeder';
import { OnlineBroadcast } from './online-broadcast';
import { OnlinePresenceJob } from './online-presence.job';
import { OnlineStoreModule } from './online-store.module';
import { OnlineController } from './online.controller';
import { OnlineService } from './online.service';

/** "Konsultacje online": the queue, doctors on duty, transcripts (a feature beside the treatment record). */
@Module({
  imports: [OnlineStoreModule, VisitsModule, Icd10Module],
  controllers: [OnlineController],
  providers: [OnlineService, OnlineBroadcast, OnlinePresenceJob, DemoDutySeeder],
})
export class OnlineModule {}
