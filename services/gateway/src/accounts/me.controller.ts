import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Subjects, type Actor, type MeView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor } from '../auth/auth.decorators';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({ description: '{ id, email, firstName, lastName, level, roles, verification }' })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.bus.request(Subjects.identity.me, { actor, data: {} });
  }
}
