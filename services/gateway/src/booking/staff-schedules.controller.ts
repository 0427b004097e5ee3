import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateScheduleTemplateDto,
  DomainError,
  ErrorCode,
  ListScheduleTemplatesDto,
  Role,
  Subjects,
  type Actor,
  type CreatedScheduleTemplateView,
  type ScheduleTemplateRemoval,
  type ScheduleTemplateListItem,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff edit doctors' weekly schedules ("Grafiki lekarzy" in the console). */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.STAFF)
@Controller('staff/schedules')
export class StaffSchedulesController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({
    description:
      "The doctor's weekly templates: [{ id, doctorId, serviceId, serviceName, facilityId, facilityName, channel, weekday, startsAt, endsAt, slotMinutes }]",
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListScheduleTemplatesDto): Promise<ScheduleTemplateListItem[]> {
    return this.bus.request(Subjects.booking.listScheduleTemplates, { actor, data: query });
  }

  @Post()
  @ApiCreatedResponse({
    description:
      'The template, with generatedSlots: its free slots across the booking horizon, already offered to waiting alerts',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateScheduleTemplateDto): Promise<CreatedScheduleTemplateView> {
    return this.bus.request(Subjects.booking.createScheduleTemplate, { actor, data: body });
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOkResponse({
    description: '{ id, removedSlots, keptBookedSlots }: future free slots removed, booked visits kept',
  })
  delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ScheduleTemplateRemoval> {
    if (!UUID.test(id)) throw new DomainError(ErrorCode.SCHEDULE_NOT_FOUND, 'No such schedule template.');
    return this.bus.request(Subjects.booking.deleteScheduleTemplate, { actor, data: { id } });
  }
}
