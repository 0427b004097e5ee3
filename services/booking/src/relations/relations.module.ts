import { Module } from '@nestjs/common';
import { RelationsController } from './relations.controller';
import { RelationsRepository } from './relations.repository';

@Module({
  controllers: [RelationsController],
  providers: [RelationsRepository],
})
export class RelationsModule {}
