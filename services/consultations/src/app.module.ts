import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { ClientsModule } from './clients/clients.module';
import { ConsultationsConfig } from './config';
import { ConsultationsDatabase } from './database';
import { DemoModule } from './demo/demo.module';
import { DoctorRecordModule } from './doctor-record/doctor-record.module';
import { EventsModule } from './events/events.module';
import { FhirModule } from './fhir/fhir.module';
import { Icd10Module } from './icd10/icd10.module';
import { OnlineModule } from './online/online.module';
import { QuestionsModule } from './questions/questions.module';
import { RecordModule } from './record/record.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ResultsModule } from './results/results.module';
import { VisitsModule } from './visits/visits.module';

/** The consultations service: the treatment record (visit outcomes, referrals, questions, laboratory results) and online consultations. */
@Module({
  imports: [
    PlatformModule.forService('consultations', ConsultationsConfig),
    databaseModule(ConsultationsDatabase),
    ScheduleModule.forRoot(),
    ClientsModule,
    EventsModule,
    Icd10Module,
    VisitsModule,
    ReferralsModule,
    RecordModule,
    QuestionsModule,
    DoctorRecordModule,
    ResultsModule,
    FhirModule,
    OnlineModule,
    DemoModule,
  ],
  controllers: [healthController('consultations')],
})
export class ConsultationsModule {}
