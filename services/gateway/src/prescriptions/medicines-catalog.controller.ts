import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role, SearchMedicinesDto, Subjects, type Actor, type MedicineView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';

/** The medicines catalog, for doctors writing a prescription. */
@ApiTags('prescriptions')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('catalog/medicines')
export class MedicinesCatalogController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({
    description:
      '[{ id, name, substance, atcCode, form, strength, packSize, prescriptionOnly, antibiotic, controlled }]: name, substance or strength containing every word of q, diacritics optional',
  })
  search(@CurrentActor() actor: Actor, @Query() query: SearchMedicinesDto): Promise<MedicineView[]> {
    return this.bus.request(Subjects.prescriptions.searchMedicines, { actor, data: query });
  }
}
