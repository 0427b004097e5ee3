import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto, ChangePhoneDto, Subjects, type AccountDetailsView, type Actor } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyRequest } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators';
import { refreshCookieOf } from '../auth/refresh-cookie';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';

/** "Moje konto": the caller's personal data and consents, password and phone. */
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

  /** Keeps this browser's session (its refresh cookie); every other session of the account ends. */
  @Post('password')
  @HttpCode(204)
  @RateLimited(RateLimitPolicy.PASSWORD_CHANGE)
  @ApiNoContentResponse({ description: 'Changed; 400 WRONG_PASSWORD or PASSWORD_TOO_WEAK otherwise' })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const currentRefreshToken = refreshCookieOf(request);
    await this.bus.request(Subjects.identity.changePassword, {
      actor,
      data: { ...body, ...(currentRefreshToken ? { currentRefreshToken } : {}) },
    });
  }

  @Put('phone')
  @ApiOkResponse({ description: 'The account with the new phone number' })
  changePhone(@CurrentActor() actor: Actor, @Body() body: ChangePhoneDto): Promise<AccountDetailsView> {
    return this.bus.request(Subjects.identity.changePhone, { actor, data: body });
  }
}
