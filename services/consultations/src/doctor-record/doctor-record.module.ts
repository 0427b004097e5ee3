import { Module } from '@nestjs/common';
import { OnlineStoreModule } from '../online/online-store.module';
import { QuestionsModule } from '../questions/questions.module';
import { RecordModule } from '../record/record.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { VisitsModule } from '../visits/visits.module';
import { DoctorRecordController } from './doctor-record.controller';
import { DoctorRecordService } from './doctor-record.service';

/** A patient's record read by a doctor with a relation, logged for the patient to see. */
@Module({
  imports: [RecordModule, QuestionsModule, ReferralsModule, VisitsModule, OnlineStoreModule],
  controllers: [DoctorRecordController],
  providers: [DoctorRecordService],
})
export class DoctorRecordModule {}
