import { Controller } from '@nestjs/common';
import {
  LoginDto,
  RefreshTokenDto,
  Subjects,
  type BusRequest,
  type RecentSessionRevocations,
  type TokenResult,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { AuthService } from './auth.service';
import { SessionRevocations } from './session-revocations';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionRevocations,
  ) {}

  @BusHandler(Subjects.identity.login)
  login(payload: BusRequest): Promise<TokenResult> {
    return this.auth.login(validateInput(LoginDto, payload.data), payload.clientIp);
  }

  @BusHandler(Subjects.identity.refresh)
  refresh(payload: BusRequest): Promise<TokenResult> {
    return this.auth.refresh(validateInput(RefreshTokenDto, payload.data));
  }

  @BusHandler(Subjects.identity.logout)
  logout(payload: BusRequest): Promise<Record<string, never>> {
    return this.auth.logout(validateInput(RefreshTokenDto, payload.data));
  }

  /** Takes no input: asked by gateways (start, reconnect, periodic check), answers only session ids and times. */
  @BusHandler(Subjects.identity.recentSessionRevocations)
  recentRevocations(): Promise<RecentSessionRevocations> {
    return this.sessions.recent();
  }
}
