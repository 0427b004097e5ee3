import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CompleteVisitDto,
  GoOnDutyDto,
  OnlineMessagesQueryDto,
  Role,
  Subjects,
  type Actor,
  type ChatMessageView,
  type DoctorDutyView,
  type FileContentLocation,
  type OnlineConsultationView,
} from '@pacjent/contracts';
import { BusClient, ObjectStorage } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { streamFile } from '../files/file-download';
import { fileId } from '../files/files.controller';
import { recordId } from '../record/record-id';

/** "Konsultacje online", the doctor's side: duty, the queue, take next, the session and its end. */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor/online')
export class DoctorOnlineController {
  constructor(
    private readonly bus: BusClient,
    private readonly storage: ObjectStorage,
  ) {}

  @Get('duty')
  @ApiOkResponse({ description: 'Whether you are on duty, for what, and what you may go on duty for' })
  duty(@CurrentActor() actor: Actor): Promise<DoctorDutyView> {
    return this.bus.request(Subjects.consultations.onlineDuty, { actor, data: {} });
  }

  @Put('duty')
  @ApiOkResponse({
    description: 'On duty for these of your specialties and forms (422 SPECIALTY_NOT_OFFERED otherwise)',
  })
  goOnDuty(@CurrentActor() actor: Actor, @Body() body: GoOnDutyDto): Promise<DoctorDutyView> {
    return this.bus.request(Subjects.consultations.goOnDuty, { actor, data: body });
  }

  @Delete('duty')
  @ApiOkResponse({ description: 'Off duty' })
  goOffDuty(@CurrentActor() actor: Actor): Promise<DoctorDutyView> {
    return this.bus.request(Subjects.consultations.goOffDuty, { actor, data: {} });
  }

  @Get('queue')
  @ApiOkResponse({ description: 'The patients waiting for your duty, oldest first' })
  queue(@CurrentActor() actor: Actor): Promise<OnlineConsultationView[]> {
    return this.bus.request(Subjects.consultations.onlineQueue, { actor, data: {} });
  }

  @Post('take-next')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The oldest waiting patient, now yours; nobody → 409 ONLINE_QUEUE_EMPTY' })
  takeNext(@CurrentActor() actor: Actor): Promise<OnlineConsultationView> {
    return this.bus.request(Subjects.consultations.takeNextOnline, { actor, data: {} });
  }

  @Get('consultations/:id')
  @ApiOkResponse({ description: 'A consultation you took (anybody else’s: 404)' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OnlineConsultationView> {
    return this.bus.request(Subjects.consultations.doctorGetOnline, { actor, data: { consultationId: recordId(id) } });
  }

  @Get('consultations/:id/messages')
  @ApiOkResponse({ description: 'The transcript after seq `after`, in order' })
  messages(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: OnlineMessagesQueryDto,
  ): Promise<ChatMessageView[]> {
    return this.bus.request(Subjects.consultations.onlineMessages, {
      actor,
      data: { consultationId: recordId(id), after: query.after ?? 0 },
    });
  }

  @Get('consultations/:id/files/:fileId/content')
  // Any signed-in caller gets as far as files, which answers 404 to all but the consultation's doctor: a
  // patient or staff member learns no more than another doctor would (ADR 0019).
  @Roles(Role.DOCTOR, Role.PATIENT, Role.STAFF, Role.LAB)
  @ApiProduces('image/jpeg', 'image/png', 'application/pdf')
  @ApiOkResponse({ description: 'A file the patient shared in your consultation, as an attachment (logged for them)' })
  @ApiNotFoundResponse({
    description: 'Not your consultation or not shared there: NOT_FOUND; deleted or expired since: SHARED_FILE_GONE',
  })
  async sharedFile(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('fileId') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const location = await this.bus.request<FileContentLocation>(Subjects.files.doctorLocateShared, {
      actor,
      data: { consultationId: recordId(id), fileId: fileId(file) },
    });
    return streamFile(this.storage, location, reply);
  }

  @Post('consultations/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Ended with the outcome of a completed visit; it shows in the patient’s history' })
  end(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: CompleteVisitDto,
  ): Promise<OnlineConsultationView> {
    return this.bus.request(Subjects.consultations.endOnline, {
      actor,
      data: { ...body, consultationId: recordId(id) },
    });
  }
}
