import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { IssuePrescriptionDto, Role, Subjects, type Actor, type PrescriptionView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

/** A doctor issues an e-prescription to a patient related to them (a visit, or a renewal request). */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor/prescriptions')
export class DoctorPrescriptionsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiCreatedResponse({
    description:
      '{ id, accessCode, key, validFrom, validUntil, validDays, status, items, … }; 404 for a patient with no relation to the doctor; 422 PRESCRIPTION_VALIDITY_INVALID',
  })
  issue(@CurrentActor() actor: Actor, @Body() body: IssuePrescriptionDto): Promise<PrescriptionView> {
    return this.bus.request(Subjects.prescriptions.issue, { actor, data: body });
  }
}
