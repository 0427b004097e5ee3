import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountLevel,
  RequestRenewalDto,
  Role,
  Subjects,
  type Actor,
  type RenewalRequestView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';

/** "Zamów e-Receptę": the patient asks for medicines from "Moje leki" again. */
@ApiTags('prescriptions')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('prescriptions/renewals')
export class RenewalsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiCreatedResponse({
    description:
      '{ id, status: "pending", doctorId (null = pool), medicines, … }; 409 RENEWAL_ALREADY_PENDING, 429 RENEWAL_LIMIT_REACHED (3 a day), 422 RENEWAL_NOT_ALLOWED (controlled substances)',
  })
  request(@CurrentActor() actor: Actor, @Body() body: RequestRenewalDto): Promise<RenewalRequestView> {
    return this.bus.request(Subjects.prescriptions.requestRenewal, { actor, data: body });
  }

  @Get()
  @ApiOkResponse({
    description: 'My renewal requests, newest first, with their status, decline reason or prescription',
  })
  list(@CurrentActor() actor: Actor): Promise<RenewalRequestView[]> {
    return this.bus.request(Subjects.prescriptions.listRenewals, { actor, data: {} });
  }
}
