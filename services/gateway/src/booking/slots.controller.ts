import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SlotSearchDto, Subjects, type SlotView } from '@pacjent/contracts';
import { BusClient, type JsonText } from '@pacjent/platform';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';

@ApiTags('booking')
@Public()
@RateLimited(RateLimitPolicy.SEARCH)
@Controller('slots')
export class SlotsController {
  constructor(private readonly bus: BusClient) {}

  /** SlotView[]: booking's answer is JSON rendered by PostgreSQL, sent on as it came. */
  @Get()
  @ApiOkResponse({
    description: 'Free slots, soonest first: [{ id, startsAt, endsAt, channel, service, doctor, facility }]',
  })
  search(@Query() query: SlotSearchDto): Promise<JsonText<SlotView[]>> {
    return this.bus.forward(Subjects.booking.searchSlots, { actor: null, data: query });
  }
}
