import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { QuestionsController } from './questions.controller';
import { QuestionsRepository } from './questions.repository';
import { QuestionsService } from './questions.service';

@Module({
  imports: [RecordModule],
  controllers: [QuestionsController],
  providers: [QuestionsRepository, QuestionsService],
  exports: [QuestionsRepository],
})
export class QuestionsModule {}
