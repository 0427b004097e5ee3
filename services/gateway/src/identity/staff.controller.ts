import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ConfirmIdentityDto,
  DomainError,
  ErrorCode,
  ListContactRequestsDto,
  ResolveContactRequestDto,
  Role,
  SearchPatientsDto,
  Subjects,
  type Actor,
  type ContactRequestView,
  type PatientDetailView,
  type PatientSummaryView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idOf(id: string, what: string): string {
  if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`);
  return id;
}

/** A patient id from the path; anything but a UUID is a patient that does not exist (404). */
export const patientIdOf = (id: string): string => idOf(id, 'patient');

@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.STAFF)
@Controller('staff')
export class StaffController {
  constructor(private readonly bus: BusClient) {}

  @Get('patients')
  @ApiOkResponse({ description: 'Patients matching the email, PESEL or name' })
  search(@CurrentActor() actor: Actor, @Query() query: SearchPatientsDto): Promise<PatientSummaryView[]> {
    return this.bus.request(Subjects.identity.searchPatients, { actor, data: query });
  }

  @Get('patients/:id')
  @ApiOkResponse({ description: 'The patient with level and verification history' })
  patient(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PatientDetailView> {
    return this.bus.request(Subjects.identity.getPatient, { actor, data: { id: idOf(id, 'patient') } });
  }

  @Post('patients/:id/identity-confirmation')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The confirmed patient' })
  confirm(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ConfirmIdentityDto,
  ): Promise<PatientDetailView> {
    return this.bus.request(Subjects.identity.confirmIdentity, {
      actor,
      data: { ...body, patientId: idOf(id, 'patient') },
    });
  }

  @Get('contact-requests')
  @ApiOkResponse({ description: 'The contact-form queue (open requests, oldest first, unless status says otherwise)' })
  contactRequests(@CurrentActor() actor: Actor, @Query() query: ListContactRequestsDto): Promise<ContactRequestView[]> {
    return this.bus.request(Subjects.identity.listContactRequests, { actor, data: query });
  }

  @Post('contact-requests/:id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The resolved request' })
  resolve(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ResolveContactRequestDto,
  ): Promise<ContactRequestView> {
    return this.bus.request(Subjects.identity.resolveContactRequest, {
      actor,
      data: { ...body, id: idOf(id, 'contact request') },
    });
  }
}
