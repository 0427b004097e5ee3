import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateAppointmentDto,
  DomainError,
  ErrorCode,
  ListAppointmentsDto,
  RescheduleAppointmentDto,
  type AppointmentCalendar,
  Role,
  Subjects,
  type Actor,
  type AppointmentView,
  type CancelResult,
} from '@pacjent/contracts';
import { BusClient, type JsonText } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdempotencyKey } from './idempotency-key';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anybody's appointment: answer as for a missing one. */
function appointmentId(id: string): string {
  if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');
  return id;
}

const idempotencyHeader = { name: 'Idempotency-Key', required: false, description: 'Repeat-safe request key' };

@ApiTags('booking')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiHeader(idempotencyHeader)
  @ApiCreatedResponse({ description: '{ id, status: "booked", slot, … }' })
  book(
    @CurrentActor() actor: Actor,
    @Body() body: CreateAppointmentDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<JsonText<AppointmentView>> {
    return this.bus.forward(Subjects.booking.createAppointment, { actor, data: body, idempotencyKey });
  }

  @Get()
  @ApiOkResponse({ description: 'Your appointments: upcoming soonest first, past newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: ListAppointmentsDto): Promise<JsonText<AppointmentView[]>> {
    return this.bus.forward(Subjects.booking.listAppointments, { actor, data: query });
  }

  // Declared before ':id' so the router matches the suffix first.
  @Get(':id.ics')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The visit as an iCalendar event (place, channel, doctor)' })
  async calendar(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const calendar = await this.bus.request<AppointmentCalendar>(Subjects.booking.appointmentCalendar, {
      actor,
      data: { id: appointmentId(id) },
    });
    void reply
      .header('Content-Type', 'text/calendar; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${calendar.filename}"`);
    return calendar.content;
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<JsonText<AppointmentView>> {
    return this.bus.forward(Subjects.booking.getAppointment, { actor, data: { id: appointmentId(id) } });
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiHeader(idempotencyHeader)
  @ApiOkResponse({ description: 'The new appointment; the old one is cancelled in the same step' })
  reschedule(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: RescheduleAppointmentDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AppointmentView> {
    return this.bus.request(Subjects.booking.rescheduleAppointment, {
      actor,
      data: { id: appointmentId(id), slotId: body.slotId },
      idempotencyKey,
    });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiHeader(idempotencyHeader)
  @ApiOkResponse({ description: '{ id, status: "cancelled" }' })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<CancelResult> {
    return this.bus.request(Subjects.booking.cancelAppointment, {
      actor,
      data: { id: appointmentId(id) },
      idempotencyKey,
    });
  }
}
