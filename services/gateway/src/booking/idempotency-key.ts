import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { validationFailed } from '@pacjent/platform';
import type { FastifyRequest } from 'fastify';

/** The optional `Idempotency-Key` header: 1–255 visible ASCII characters. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw validationFailed([{ field: 'Idempotency-Key', messages: ['must be 1–255 visible ASCII characters'] }]);
  }
  return value;
});
