import { Controller } from '@nestjs/common';
import {
  ListRecordVisitsDto,
  RecordVisitIdDto,
  Subjects,
  type BusRequest,
  type RecordVisitPage,
  type RecordVisitView,
} from '@pacjent/contracts';
import { BusHandler, validateInput, type JsonText } from '@pacjent/platform';
import { requireFullPatient } from '../actors';
import { RecordService } from './record.service';

@Controller()
export class RecordController {
  constructor(private readonly record: RecordService) {}

  @BusHandler(Subjects.consultations.listRecordVisits)
  list(payload: BusRequest): Promise<JsonText<RecordVisitPage>> {
    const patient = requireFullPatient(payload.actor);
    return this.record.list(patient, validateInput(ListRecordVisitsDto, payload.data));
  }

  @BusHandler(Subjects.consultations.getRecordVisit)
  get(payload: BusRequest): Promise<RecordVisitView> {
    const patient = requireFullPatient(payload.actor);
    return this.record.get(patient, validateInput(RecordVisitIdDto, payload.data).id);
  }
}
