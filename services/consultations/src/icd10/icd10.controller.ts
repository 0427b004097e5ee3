import { Controller } from '@nestjs/common';
import { Icd10SearchDto, Subjects, type BusRequest, type Icd10View } from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireDoctor } from '../actors';
import { Icd10Service } from './icd10.service';

@Controller()
export class Icd10Controller {
  constructor(private readonly icd10: Icd10Service) {}

  @BusHandler(Subjects.consultations.searchIcd10)
  search(payload: BusRequest): Icd10View[] {
    requireDoctor(payload.actor);
    return this.icd10.search(validateInput(Icd10SearchDto, payload.data).q);
  }
}
