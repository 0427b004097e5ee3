import { Controller, Get, HttpCode, Post, Redirect, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Role,
  Subjects,
  type AccessHistoryEntryView,
  type Actor,
  type BankCallbackResult,
  type StartBankVerificationResult,
  type VerificationStatusView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { GatewayConfig } from '../config';
import { bankBindingOf, clearBankBindingCookie, newBankBinding, setBankBindingCookie } from './bank-binding-cookie';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';

@ApiTags('identity confirmation')
@ApiBearerAuth()
@Controller('identity')
export class VerificationController {
  /** The binding cookie is Secure when the portal is served over https. */
  private readonly secureCookies: boolean;

  constructor(
    private readonly bus: BusClient,
    config: GatewayConfig,
  ) {
    this.secureCookies = new URL(config.PORTAL_URL).protocol === 'https:';
  }

  @Post('verification/bank')
  @Roles(Role.PATIENT)
  @RateLimited(RateLimitPolicy.BANK_START)
  @HttpCode(200)
  @ApiOkResponse({
    description: '{ authorizationUrl }: send the browser there; the HttpOnly binding cookie set here must come back',
  })
  async startBank(
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StartBankVerificationResult> {
    const binding = newBankBinding();
    const result = await this.bus.request<StartBankVerificationResult>(Subjects.identity.startBankVerification, {
      actor,
      data: { binding },
    });
    setBankBindingCookie(reply, binding, this.secureCookies);
    return result;
  }

  /** Where the bank sends the browser back; answers with a redirect to the portal's outcome page. */
  @Get('verification/bank/callback')
  @Public()
  @Redirect()
  @ApiFoundResponse({ description: 'Redirect to the portal: /verification/result?status=confirmed|failed&code=…' })
  async bankCallback(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    const binding = bankBindingOf(request);
    // Used once whatever the outcome: the next attempt sets a new one.
    clearBankBindingCookie(reply, this.secureCookies);
    try {
      const result = await this.bus.request<BankCallbackResult>(Subjects.identity.completeBankVerification, {
        actor: null,
        data: binding === undefined ? { query } : { query, binding },
      });
      return { url: result.redirectTo, statusCode: 303 };
    } catch {
      // Identity did not answer: the browser still lands on the outcome page, not on an error document.
      return { url: '/verification/result?status=failed&code=BANK_ERROR', statusCode: 303 };
    }
  }

  @Get('verification')
  @ApiOkResponse({ description: '{ level, verification, code, latest }: the latest outcome and its code' })
  status(@CurrentActor() actor: Actor): Promise<VerificationStatusView> {
    return this.bus.request(Subjects.identity.verificationStatus, { actor, data: {} });
  }

  @Get('access-history')
  @ApiOkResponse({
    description: '"Historia dostępu": who confirmed the identity or looked at the account, newest first',
  })
  accessHistory(@CurrentActor() actor: Actor): Promise<AccessHistoryEntryView[]> {
    return this.bus.request(Subjects.identity.accessHistory, { actor, data: {} });
  }
}
