import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AccountLevel,
  DomainError,
  ErrorCode,
  ListResultsDto,
  LOINC_CODE_PATTERN,
  Role,
  Subjects,
  type Actor,
  type FileContentLocation,
  type ResultDocument,
  type ParameterSeries,
  type ResultsPage,
  type ResultView,
} from '@pacjent/contracts';
import { BusClient, ObjectStorage, type JsonText } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';
import { streamFile } from '../files/file-download';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('results')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('results')
export class ResultsController {
  constructor(
    private readonly bus: BusClient,
    private readonly storage: ObjectStorage,
  ) {}

  @Get()
  @ApiOkResponse({
    description: '{ items: your lab results, newest first, each with every value and flag; page, pageSize, total }',
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListResultsDto): Promise<JsonText<ResultsPage>> {
    // Rendered by PostgreSQL in consultations: sent on as it came.
    return this.bus.forward(Subjects.consultations.listResults, { actor, data: query });
  }

  // Declared before ':id' so the router matches the longer path first.
  @Get('parameters/:loincCode')
  @ApiOkResponse({ description: 'One parameter (LOINC code) across all your results, oldest first: a chart' })
  series(@CurrentActor() actor: Actor, @Param('loincCode') loincCode: string): Promise<ParameterSeries> {
    if (!LOINC_CODE_PATTERN.test(loincCode)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such parameter.');
    return this.bus.request(Subjects.consultations.parameterSeries, { actor, data: { loincCode } });
  }

  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: "The lab's PDF of one of your results (404 when the lab sent none)" })
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such result.');
    const { documentId } = await this.bus.request<ResultDocument>(Subjects.consultations.resultDocument, {
      actor,
      data: { id },
    });
    const location = await this.bus.request<FileContentLocation>(Subjects.files.locateLabDocument, {
      actor,
      data: { documentId },
    });
    return streamFile(this.storage, location, reply);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One of your results with every value, unit, reference range and flag' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ResultView> {
    if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such result.');
    return this.bus.request(Subjects.consultations.getResult, { actor, data: { id } });
  }
}
