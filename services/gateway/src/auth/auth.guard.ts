import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccountLevel, DomainError, ErrorCode, type Role } from '@pacjent/contracts';
import { AccessTokenVerifier } from './access-token.verifier';
import { PUBLIC_ROUTE, REQUIRED_LEVEL, REQUIRED_ROLES, type RequestWithActor } from './auth.decorators';

/**
 * Every route needs a valid bearer token unless marked @Public(); then roles
 * and level are checked. The verified caller is put on the request as `actor`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const token = bearerToken(request.headers.authorization);

    if (!token) {
      if (isPublic) return true;
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Log in to continue.');
    }
    request.actor = await this.verifier.verify(token);

    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((role) => request.actor!.roles.includes(role))) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Your account may not do this.');
    }
    const level = this.reflector.getAllAndOverride<AccountLevel>(REQUIRED_LEVEL, targets);
    if (level === AccountLevel.FULL && request.actor.level !== AccountLevel.FULL) {
      throw new DomainError(ErrorCode.VERIFICATION_REQUIRED, 'Confirm your identity to use this.');
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header ?? '');
  return match?.[1];
}
