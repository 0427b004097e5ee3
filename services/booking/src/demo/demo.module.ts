import { Module } from '@nestjs/common';
import { DemoRepository } from './demo.repository';
import { DemoSeeder } from './demo.seeder';

@Module({ providers: [DemoSeeder, DemoRepository], exports: [DemoSeeder] })
export class DemoModule {}
