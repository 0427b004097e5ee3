import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountLevel,
  CHAT_MESSAGE_MAX_LENGTH,
  OnlineMessagesQueryDto,
  Role,
  StartOnlineConsultationDto,
  Subjects,
  type Actor,
  type ChatMessageView,
  type OnlineConfigView,
  type OnlineConsultationView,
  type OnlineFallbackSlotsView,
  type OnlineSpecialtyView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';
import { GatewayConfig } from '../config';
import { recordId } from '../record/record-id';
import { parseIceServers } from './ice-servers';

/** "Konsultacje online", the patient's side (full accounts). The live part travels over GET /api/realtime. */
@ApiTags('online consultations')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('online')
export class OnlineController {
  constructor(
    private readonly bus: BusClient,
    private readonly config: GatewayConfig,
  ) {}

  /** Both ends of a call need the STUN/TURN servers: the doctor's console reads them here too. */
  @Get('config')
  @Roles(Role.PATIENT, Role.DOCTOR)
  @RequireLevel(AccountLevel.BASIC)
  @ApiOkResponse({ description: 'STUN/TURN servers (ICE_SERVERS) and the limits the page needs' })
  configuration(): OnlineConfigView {
    return {
      iceServers: parseIceServers(this.config.ICE_SERVERS) ?? [],
      chatMessageMaxLength: CHAT_MESSAGE_MAX_LENGTH,
      queueGraceSeconds: this.config.QUEUE_GRACE_SECONDS,
    };
  }

  @Get('specialties')
  @ApiOkResponse({ description: 'Specialties offered online: forms, doctors on duty, waiting, estimated wait' })
  specialties(@CurrentActor() actor: Actor): Promise<OnlineSpecialtyView[]> {
    return this.bus.request(Subjects.consultations.onlineSpecialties, { actor, data: {} });
  }

  @Get('specialties/:specialty/fallback-slots')
  @ApiOkResponse({
    description: 'The next free phone and video slots of the specialty (book them with POST /api/appointments)',
  })
  fallbackSlots(@CurrentActor() actor: Actor, @Param('specialty') specialty: string): Promise<OnlineFallbackSlotsView> {
    return this.bus.request(Subjects.consultations.onlineFallbackSlots, { actor, data: { specialty } });
  }

  @Post('consultations')
  @ApiCreatedResponse({
    description:
      'Waiting, with the queue position. Open one already → 409 ONLINE_CONSULTATION_OPEN; nobody on duty → 409 NO_DOCTOR_ON_DUTY',
  })
  start(@CurrentActor() actor: Actor, @Body() body: StartOnlineConsultationDto): Promise<OnlineConsultationView> {
    return this.bus.request(Subjects.consultations.startOnline, { actor, data: body });
  }

  @Get('consultations/:id')
  @ApiOkResponse({ description: 'Your consultation (anybody else’s: 404)' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OnlineConsultationView> {
    return this.bus.request(Subjects.consultations.getOnline, { actor, data: { consultationId: recordId(id) } });
  }

  @Delete('consultations/:id')
  @ApiOkResponse({ description: 'You left: status left' })
  leave(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OnlineConsultationView> {
    return this.bus.request(Subjects.consultations.leaveOnline, { actor, data: { consultationId: recordId(id) } });
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
}
