import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccountLevel, Role, Subjects, type Actor, type ReferralView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';

/** "Skierowania": the patient's referrals (full accounts). */
@ApiTags('record')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({
    description:
      'Your referrals, newest first: kind, service, doctor, issue date, validity, sessions used/left, status (active|used|expired)',
  })
  list(@CurrentActor() actor: Actor): Promise<ReferralView[]> {
    return this.bus.request(Subjects.consultations.listReferrals, { actor, data: {} });
  }
}
