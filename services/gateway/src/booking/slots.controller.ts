import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SlotSearchDto, Subjects } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
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
  async search(@Query() query: SlotSearchDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const json = await this.bus.requestJson(Subjects.booking.searchSlots, { actor: null, data: query });
    void reply.type('application/json; charset=utf-8');
    return json;
  }
}
