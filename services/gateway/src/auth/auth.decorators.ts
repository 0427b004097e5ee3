import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AccountLevel, Actor, Role } from '@pacjent/contracts';
import type { FastifyRequest } from 'fastify';

export const PUBLIC_ROUTE = 'pacjent:public';
export const REQUIRED_ROLES = 'pacjent:roles';
export const REQUIRED_LEVEL = 'pacjent:level';

/** No access token needed (the actor is still read when one is sent). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The caller must have one of these roles (else 403 FORBIDDEN). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
/** The caller's account must be at least this level (else 403 VERIFICATION_REQUIRED). */
export const RequireLevel = (level: AccountLevel) => SetMetadata(REQUIRED_LEVEL, level);

export type RequestWithActor = FastifyRequest & { actor?: Actor | null };

/** The verified caller of this request (null on public routes without a token). */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor | null =>
    context.switchToHttp().getRequest<RequestWithActor>().actor ?? null,
);
