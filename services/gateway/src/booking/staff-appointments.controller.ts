import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Role, StaffCreateAppointmentDto, Subjects, type Actor, type AppointmentView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { IdempotencyKey } from './idempotency-key';

/** Staff (call center, front desk) book visits for patients; patients cannot cancel those in the portal. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.STAFF)
@Controller('staff/appointments')
export class StaffAppointmentsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat-safe request key' })
  @ApiCreatedResponse({ description: '{ id, status: "booked", source: "phone" | "facility", slot, … }' })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: StaffCreateAppointmentDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<AppointmentView> {
    return this.bus.request(Subjects.booking.staffCreateAppointment, { actor, data: body, idempotencyKey });
  }
}
