import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccountLevel, Role, Subjects, type Actor } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';

@ApiTags('record')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('record')
export class RecordExportController {
  constructor(private readonly bus: BusClient) {}

  @Get('export')
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="dokumentacja-medyczna.fhir.json"')
  @ApiProduces('application/fhir+json')
  @ApiOkResponse({ description: 'Your record as a FHIR R4 Bundle (type collection)' })
  export(@CurrentActor() actor: Actor): Promise<string> {
    return this.bus.requestJson(Subjects.consultations.exportRecord, { actor, data: {} });
  }
}
