import { Controller } from '@nestjs/common';
import { SearchMedicinesDto, Subjects, type BusRequest, type MedicineView } from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../actors';
import { CatalogService } from './catalog.service';

/** Doctors look products up while they prescribe. */
@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @BusHandler(Subjects.prescriptions.searchMedicines)
  search(payload: BusRequest): Promise<MedicineView[]> {
    requireDoctor(payload.actor);
    return this.catalog.search(validateInput(SearchMedicinesDto, payload.data));
  }
}
