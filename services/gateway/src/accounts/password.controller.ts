import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { ChangePasswordDto, Subjects, type Actor } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyRequest } from 'fastify';
import { CurrentActor } from '../auth/auth.decorators';
import { refreshCookieOf } from '../auth/refresh-cookie';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';

/**
 * "Zmień hasło". Under /api/auth because the browser sends the refresh
 * cookie (Path=/api/auth) only there: it names the session that keeps going.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('auth')
export class PasswordController {
  constructor(private readonly bus: BusClient) {}

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
}
