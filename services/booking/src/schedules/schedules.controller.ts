import { Controller } from '@nestjs/common';
import {
  CreateScheduleTemplateDto,
  ListScheduleTemplatesDto,
  ScheduleTemplateIdDto,
  Subjects,
  type BusRequest,
  type CreatedScheduleTemplateView,
  type ScheduleTemplateRemoval,
  type ScheduleTemplateListItem,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { requireStaff } from '../appointments/patient-actor';
import { SchedulesService } from './schedules.service';

/** Staff edit doctors' weekly schedule templates. */
@Controller()
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @BusHandler(Subjects.booking.listScheduleTemplates)
  list(payload: BusRequest): Promise<ScheduleTemplateListItem[]> {
    requireStaff(payload.actor);
    return this.schedules.list(validateInput(ListScheduleTemplatesDto, payload.data));
  }

  @BusHandler(Subjects.booking.createScheduleTemplate)
  create(payload: BusRequest): Promise<CreatedScheduleTemplateView> {
    const actor = requireStaff(payload.actor);
    return this.schedules.create(actor, validateInput(CreateScheduleTemplateDto, payload.data));
  }

  @BusHandler(Subjects.booking.deleteScheduleTemplate)
  delete(payload: BusRequest): Promise<ScheduleTemplateRemoval> {
    const actor = requireStaff(payload.actor);
    return this.schedules.delete(actor, validateInput(ScheduleTemplateIdDto, payload.data));
  }
}
