import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateSlotAlertDto,
  DomainError,
  ErrorCode,
  Role,
  Subjects,
  type Actor,
  type SlotAlertView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Powiadom mnie o wcześniejszym terminie". */
@ApiTags('booking')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@Controller('slot-alerts')
export class SlotAlertsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiCreatedResponse({ description: 'The alert: the oldest matching alert gets a freed slot first' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateSlotAlertDto): Promise<SlotAlertView> {
    return this.bus.request(Subjects.booking.createSlotAlert, { actor, data: body });
  }

  @Get()
  @ApiOkResponse({ description: 'Your alerts, newest first' })
  list(@CurrentActor() actor: Actor): Promise<SlotAlertView[]> {
    return this.bus.request(Subjects.booking.listSlotAlerts, { actor, data: {} });
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such alert.');
    await this.bus.request(Subjects.booking.deleteSlotAlert, { actor, data: { id } });
  }
}
