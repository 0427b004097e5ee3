import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SlotSearchDto, Subjects, type SlotView } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { Public } from '../auth/auth.decorators';

@ApiTags('booking')
@Public()
@Controller('slots')
export class SlotsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({ description: 'Free slots, soonest first' })
  search(@Query() query: SlotSearchDto): Promise<SlotView[]> {
    return this.bus.request(Subjects.booking.searchSlots, { actor: null, data: query });
  }
}
