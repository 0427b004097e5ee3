import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountLevel,
  AskQuestionDto,
  ListRecordVisitsDto,
  Role,
  Subjects,
  type Actor,
  type QuestionView,
  type RecordVisitPage,
  type RecordVisitView,
} from '@pacjent/contracts';
import { BusClient, type JsonText } from '@pacjent/platform';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';
import { recordId } from './record-id';

/** "Twoja historia" and "Zapytaj lekarza": the patient's completed visits and questions about them (full accounts). */
@ApiTags('record')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller()
export class RecordController {
  constructor(private readonly bus: BusClient) {}

  @Get('record/visits')
  @ApiOkResponse({
    description:
      '{ items, total, limit, offset }: completed visits, newest first, with doctor, service, channel, date, recommendations, diagnoses, referrals, questions',
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListRecordVisitsDto): Promise<JsonText<RecordVisitPage>> {
    // Rendered by PostgreSQL in consultations: sent on as it came.
    return this.bus.forward(Subjects.consultations.listRecordVisits, { actor, data: query });
  }

  @Get('record/visits/:id')
  @ApiOkResponse({ description: 'One completed visit of yours (anybody else’s: 404)' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<RecordVisitView> {
    return this.bus.request(Subjects.consultations.getRecordVisit, { actor, data: { id: recordId(id) } });
  }

  @Post('record/visits/:id/questions')
  @ApiCreatedResponse({
    description:
      'The question. After the window (QUESTION_WINDOW_DAYS from completion) → 422 QUESTION_WINDOW_CLOSED; 3 open already → 422 QUESTION_LIMIT_REACHED',
  })
  ask(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AskQuestionDto): Promise<QuestionView> {
    return this.bus.request(Subjects.consultations.askQuestion, {
      actor,
      data: { ...body, appointmentId: recordId(id) },
    });
  }

  @Get('questions')
  @ApiOkResponse({ description: 'Your questions to doctors, newest first, with answers' })
  questions(@CurrentActor() actor: Actor): Promise<QuestionView[]> {
    return this.bus.request(Subjects.consultations.listQuestions, { actor, data: {} });
  }
}
