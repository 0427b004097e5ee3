import { Module } from '@nestjs/common';
import { Icd10Module } from '../icd10/icd10.module';
import { DemoRecordSeeder } from './demo-record.seeder';

@Module({ imports: [Icd10Module], providers: [DemoRecordSeeder], exports: [DemoRecordSeeder] })
export class DemoModule {}
