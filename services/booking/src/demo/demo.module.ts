import { Module } from '@nestjs/common';
import { SchedulesModule } from '../schedules/schedules.module';
import { DemoRepository } from './demo.repository';
import { DemoSeeder } from './demo.seeder';

@Module({ imports: [SchedulesModule], providers: [DemoSeeder, DemoRepository], exports: [DemoSeeder] })
export class DemoModule {}
