import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ContactRequestDto, Subjects, type ContactRequestCreated } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';

@ApiTags('identity confirmation')
@Controller('identity/contact-requests')
export class ContactRequestsController {
  constructor(private readonly bus: BusClient) {}

  /** The public "confirm my identity" form; the request lands in the staff queue. */
  @Post()
  @Public()
  @RateLimited(RateLimitPolicy.CONTACT_REQUEST)
  @ApiCreatedResponse({ description: '{ id }' })
  create(@Body() body: ContactRequestDto): Promise<ContactRequestCreated> {
    return this.bus.request(Subjects.identity.createContactRequest, { actor: null, data: body });
  }
}
