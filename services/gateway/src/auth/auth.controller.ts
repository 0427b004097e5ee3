import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  ErrorCode,
  LoginDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  RegisterDto,
  Subjects,
  type RegisterResult,
  type TokenResult,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { RateLimitPolicy } from '../rate-limits/rate-limit.policies';
import { Public } from './auth.decorators';
import { clearRefreshCookie, refreshCookieOf, setRefreshCookie } from './refresh-cookie';

interface AccessTokenResponse {
  accessToken: string;
  expiresIn: number;
}

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly bus: BusClient) {}

  @Post('register')
  @RateLimited(RateLimitPolicy.REGISTER)
  @ApiCreatedResponse({ description: '{ id } of the new (basic) account' })
  register(@Body() body: RegisterDto): Promise<RegisterResult> {
    return this.bus.request(Subjects.identity.register, { actor: null, data: body });
  }

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ accessToken, expiresIn }; the refresh token comes as an HttpOnly cookie' })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const tokens = await this.bus.request<TokenResult>(Subjects.identity.login, {
      actor: null,
      data: body,
      clientIp: request.ip,
    });
    return this.issue(tokens, request, reply);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A new access token; the refresh cookie is rotated' })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const refreshToken = refreshCookieOf(request);
    if (!refreshToken) throw new DomainError(ErrorCode.INVALID_REFRESH_TOKEN, 'You are not logged in.');
    try {
      const tokens = await this.bus.request<TokenResult>(Subjects.identity.refresh, {
        actor: null,
        data: { refreshToken },
      });
      return this.issue(tokens, request, reply);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.INVALID_REFRESH_TOKEN)
        clearRefreshCookie(request, reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The refresh token (and its whole family) is revoked' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const refreshToken = refreshCookieOf(request);
    if (refreshToken) await this.bus.request(Subjects.identity.logout, { actor: null, data: { refreshToken } });
    clearRefreshCookie(request, reply);
  }

  /** The same answer whether or not the address has an account; the link goes by e-mail. */
  @Post('password-reset')
  @HttpCode(202)
  @RateLimited(RateLimitPolicy.PASSWORD_RESET)
  @ApiAcceptedResponse({ description: 'Always {}: if the address has an account, a reset link is on its way' })
  requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<Record<string, never>> {
    return this.bus.request(Subjects.identity.requestPasswordReset, { actor: null, data: body });
  }

  /** Sets the new password with the e-mailed token (once); every session of the account ends. */
  @Post('password-reset/complete')
  @HttpCode(204)
  @RateLimited(RateLimitPolicy.PASSWORD_RESET)
  @ApiNoContentResponse({ description: 'Changed; 400 RESET_TOKEN_INVALID or PASSWORD_TOO_WEAK otherwise' })
  async completePasswordReset(@Body() body: PasswordResetDto): Promise<void> {
    await this.bus.request(Subjects.identity.completePasswordReset, { actor: null, data: body });
  }

  private issue(tokens: TokenResult, request: FastifyRequest, reply: FastifyReply): AccessTokenResponse {
    setRefreshCookie(request, reply, tokens.refreshToken, tokens.refreshExpiresIn);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
  }
}
