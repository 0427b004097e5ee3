import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { DemoSeeder } from './demo.seeder';

@Module({ imports: [ResultsModule], providers: [DemoSeeder] })
export class DemoModule {}
