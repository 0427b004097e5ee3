import { Injectable } from '@nestjs/common';
import type { SlotSearchDto, SlotView } from '@pacjent/contracts';
import { Clock, JsonText, validationFailed } from '@pacjent/platform';
import { searchWindow } from './search-window';
import { SlotsRepository } from './slots.repository';
import { TIME_OF_DAY_HOURS } from './warsaw-time';

export const DEFAULT_SEARCH_LIMIT = 50;

/** The Warsaw hours a slot may start in: a time of day and an hour window, both when both are given. */
function searchHours(request: SlotSearchDto): readonly [number, number] | undefined {
  const day = request.timeOfDay ? TIME_OF_DAY_HOURS[request.timeOfDay] : undefined;
  if (request.hourFrom === undefined && request.hourTo === undefined) return day;
  const window = [request.hourFrom ?? 0, request.hourTo ?? 24] as const;
  if (window[1] <= window[0]) {
    throw validationFailed([{ field: 'hourTo', messages: ['hourTo must be later than hourFrom'] }]);
  }
  if (!day) return window;
  return [Math.max(day[0], window[0]), Math.min(day[1], window[1])];
}

/** Searching free slots. Public: anybody may look. */
@Injectable()
export class SlotsService {
  constructor(
    private readonly slots: SlotsRepository,
    private readonly clock: Clock,
  ) {}

  async search(request: SlotSearchDto): Promise<JsonText<SlotView[]>> {
    const now = this.clock.now();
    const window = searchWindow(request, now);
    const earliest = new Date(now.getTime() + (request.minLeadMinutes ?? 0) * 60 * 1000);
    const from = window.from.getTime() < earliest.getTime() ? earliest : window.from;
    const to = window.to;
    if (to.getTime() <= from.getTime()) return new JsonText('[]');
    const json = await this.slots.searchFree({
      now,
      from,
      to,
      serviceId: request.serviceId,
      channel: request.channel,
      city: request.city?.trim() || undefined,
      facilityId: request.facilityId,
      facilityIds: request.facilityIds,
      doctorId: request.doctorId,
      excludeDoctorIds: request.excludeDoctorIds,
      language: request.language?.trim() || undefined,
      hours: searchHours(request),
      limit: request.limit ?? DEFAULT_SEARCH_LIMIT,
      offset: request.offset,
    });
    return new JsonText(json);
  }
}
