import { Controller } from '@nestjs/common';
import { SlotSearchDto, Subjects, type BusRequest, type SlotView } from '@pacjent/contracts';
import { BusHandler, validateInput, type JsonText } from '@pacjent/platform';
import { SlotsService } from './slots.service';

@Controller()
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  /** Public: the actor may be null. */
  @BusHandler(Subjects.booking.searchSlots)
  search(payload: BusRequest): Promise<JsonText<SlotView[]>> {
    return this.slots.search(validateInput(SlotSearchDto, payload.data));
  }
}
