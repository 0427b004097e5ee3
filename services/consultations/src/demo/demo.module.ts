import { Module } from '@nestjs/common';
import { Icd10Module } from '../icd10/icd10.module';
import { ResultsModule } from '../results/results.module';
import { DemoRecordSeeder } from './demo-record.seeder';
import { DemoSeeder } from './demo.seeder';

/** With SEED_DEMO_DATA=true: the demo patient's record (visits, referrals, a question) and results. */
@Module({
  imports: [Icd10Module, ResultsModule],
  providers: [DemoRecordSeeder, DemoSeeder],
  exports: [DemoRecordSeeder],
})
export class DemoModule {}
