import { Injectable } from '@nestjs/common';
import type { SlotSearchDto, SlotView } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { searchWindow } from './search-window';
import { toSlotView } from './slots.dto';
import { SlotsRepository } from './slots.repository';
import { TIME_OF_DAY_HOURS } from './warsaw-time';

export const DEFAULT_SEARCH_LIMIT = 50;

/** Searching free slots. Public: anybody may look. */
@Injectable()
export class SlotsService {
  constructor(
    private readonly slots: SlotsRepository,
    private readonly clock: Clock,
  ) {}

  async search(request: SlotSearchDto): Promise<SlotView[]> {
    const now = this.clock.now();
    const { from, to } = searchWindow(request, now);
    if (to.getTime() <= from.getTime()) return [];
    const rows = await this.slots.searchFree({
      now,
      from,
      to,
      serviceId: request.serviceId,
      channel: request.channel,
      city: request.city?.trim() || undefined,
      facilityId: request.facilityId,
      doctorId: request.doctorId,
      language: request.language?.trim() || undefined,
      hours: request.timeOfDay ? TIME_OF_DAY_HOURS[request.timeOfDay] : undefined,
      limit: request.limit ?? DEFAULT_SEARCH_LIMIT,
    });
    return rows.map(toSlotView);
  }
}
