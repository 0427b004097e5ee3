import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { IssuePrescriptionDto, Role, Subjects, type Actor, type PrescriptionView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdempotencyKey } from '../booking/idempotency-key';

/** A doctor issues an e-prescription to a patient related to them (a visit, or a renewal request). */
@ApiTags('doctor')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor/prescriptions')
export class DoctorPrescriptionsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat-safe request key' })
  @ApiCreatedResponse({
    description:
      '{ id, accessCode, key, validFrom, validUntil, validDays, status, items, … }; 404 for a patient with no relation to the doctor; 422 PRESCRIPTION_VALIDITY_INVALID; the same Idempotency-Key and body → the same prescription, with another body → 422 IDEMPOTENCY_KEY_REUSED',
  })
  issue(
    @CurrentActor() actor: Actor,
    @Body() body: IssuePrescriptionDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<PrescriptionView> {
    return this.bus.request(Subjects.prescriptions.issue, { actor, data: body, idempotencyKey });
  }
}
