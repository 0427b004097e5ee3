import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChangePhoneDto, Subjects, type AccountDetailsView, type Actor } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import { CurrentActor } from '../auth/auth.decorators';

/** "Moje konto": the caller's personal data and consents, and the phone (the password: PasswordController). */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('account')
export class AccountController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({ description: 'Personal data (name, email, phone, PESEL, birth date), level and consents' })
  details(@CurrentActor() actor: Actor): Promise<AccountDetailsView> {
    return this.bus.request(Subjects.identity.accountDetails, { actor, data: {} });
  }

  @Put('phone')
  @ApiOkResponse({ description: 'The account with the new phone number' })
  changePhone(@CurrentActor() actor: Actor, @Body() body: ChangePhoneDto): Promise<AccountDetailsView> {
    return this.bus.request(Subjects.identity.changePhone, { actor, data: body });
  }
}
