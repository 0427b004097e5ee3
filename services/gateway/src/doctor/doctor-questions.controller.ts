import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AnswerQuestionDto,
  DoctorQuestionsDto,
  Role,
  Subjects,
  type Actor,
  type DoctorQuestionView,
  type QuestionView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { recordId } from '../record/record-id';

/** Patients' questions about the doctor's own visits. */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor/questions')
export class DoctorQuestionsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({ description: 'Questions about your visits, oldest first (status open by default)' })
  list(@CurrentActor() actor: Actor, @Query() query: DoctorQuestionsDto): Promise<DoctorQuestionView[]> {
    return this.bus.request(Subjects.consultations.doctorListQuestions, { actor, data: query });
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The answered question; answered before → 409 QUESTION_ALREADY_ANSWERED' })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: AnswerQuestionDto,
  ): Promise<QuestionView> {
    return this.bus.request(Subjects.consultations.answerQuestion, {
      actor,
      data: { ...body, questionId: recordId(id) },
    });
  }
}
