import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CompleteVisitDto,
  Icd10SearchDto,
  Role,
  Subjects,
  type Actor,
  type Icd10View,
  type VisitOutcomeView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdempotencyKey } from '../booking/idempotency-key';
import { recordId } from '../record/record-id';

const idempotencyHeader = { name: 'Idempotency-Key', required: false, description: 'Repeat-safe request key' };

/** The doctor's workspace: ending a visit (outcome or no-show) and the ICD-10 list for the form. */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor')
export class DoctorVisitsController {
  constructor(private readonly bus: BusClient) {}

  @Post('appointments/:id/complete')
  @HttpCode(200)
  @ApiHeader(idempotencyHeader)
  @ApiOkResponse({
    description:
      'The visit outcome. Not your visit → 404; before its start → 409 VISIT_NOT_STARTED; again → 409 VISIT_ALREADY_COMPLETED (the same Idempotency-Key → the same answer)',
  })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: CompleteVisitDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<VisitOutcomeView> {
    return this.bus.request(Subjects.consultations.completeVisit, {
      actor,
      data: { ...body, appointmentId: recordId(id) },
      idempotencyKey,
    });
  }

  @Post('appointments/:id/no-show')
  @HttpCode(200)
  @ApiHeader(idempotencyHeader)
  @ApiOkResponse({ description: 'The visit marked as a no-show (same rules as complete)' })
  noShow(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<VisitOutcomeView> {
    return this.bus.request(Subjects.consultations.markNoShow, {
      actor,
      data: { appointmentId: recordId(id) },
      idempotencyKey,
    });
  }

  @Get('icd10')
  @ApiOkResponse({ description: 'ICD-10 codes with Polish names matching q (code prefix or words), at most 20' })
  icd10(@CurrentActor() actor: Actor, @Query() query: Icd10SearchDto): Promise<Icd10View[]> {
    return this.bus.request(Subjects.consultations.searchIcd10, { actor, data: query });
  }
}
