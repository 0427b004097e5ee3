import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApproveRenewalDto,
  DeclineRenewalDto,
  ListDoctorRenewalsDto,
  Role,
  Subjects,
  type Actor,
  type DoctorRenewalView,
  type PrescriptionView,
  type RenewalRequestView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { pathId } from '../prescriptions/ids';

/** The doctor's renewal queue: requests addressed to them or to the pool. */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor/renewals')
export class DoctorRenewalsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({ description: "Oldest first, each with waitingSeconds and the patient's current medicines" })
  list(@CurrentActor() actor: Actor, @Query() query: ListDoctorRenewalsDto): Promise<DoctorRenewalView[]> {
    return this.bus.request(Subjects.prescriptions.doctorListRenewals, { actor, data: query });
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The new prescription; 409 RENEWAL_ALREADY_DECIDED when it was decided already' })
  approve(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ApproveRenewalDto,
  ): Promise<PrescriptionView> {
    return this.bus.request(Subjects.prescriptions.approveRenewal, {
      actor,
      data: { ...body, id: pathId(id, 'renewal request') },
    });
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The declined request with its reason; 409 RENEWAL_ALREADY_DECIDED' })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: DeclineRenewalDto,
  ): Promise<RenewalRequestView> {
    return this.bus.request(Subjects.prescriptions.declineRenewal, {
      actor,
      data: { ...body, id: pathId(id, 'renewal request') },
    });
  }
}
