import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RequestWithActor } from '../auth/auth.decorators';
import { RATE_LIMIT_POLICY } from './rate-limit.decorator';
import type { RateLimitPolicy } from './rate-limit.policies';
import { RateLimits } from './rate-limits';

/**
 * Counts requests to @RateLimited handlers. Runs after AuthGuard (registered
 * after it), so per-account rules see the verified caller and a request
 * refused for its token costs nothing.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    await this.limits.consume(policy, { ip: request.ip, accountId: request.actor?.id });
    return true;
  }
}
