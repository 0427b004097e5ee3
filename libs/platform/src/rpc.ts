import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { BusHeader, DomainError, ErrorCode, type ErrorPayload } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';
import { throwError, type Observable } from 'rxjs';
import { withCorrelationId } from './correlation';
import { isDatabaseUnreachable } from './database-unreachable';

/** The correlation id a bus request carried, if any. */
export function correlationIdOf(context: NatsContext): string | undefined {
  return context.getHeaders?.()?.get(BusHeader.CORRELATION_ID) || undefined;
}

/**
 * Turns what a handler throws into the bus error payload: DomainErrors keep
 * their code; anything else is logged under a fresh error id and answered as
 * INTERNAL with that id only (no message or stack leaves the service).
 * PostgreSQL being unreachable is SERVICE_UNAVAILABLE: the caller may retry.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('BusExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    if (exception instanceof DomainError) {
      return throwError(() => exception.toPayload());
    }
    const context = host.switchToRpc().getContext<NatsContext>();
    if (isDatabaseUnreachable(exception)) {
      withCorrelationId(correlationIdOf(context), () =>
        this.logger.warn({ subject: context.getSubject?.(), err: exception }, 'PostgreSQL unreachable'),
      );
      const unavailable: ErrorPayload = {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'The service cannot reach its database; try again.',
      };
      return throwError(() => unavailable);
    }
    const errorId = randomUUID();
    withCorrelationId(correlationIdOf(context), () =>
      this.logger.error({ errorId, subject: context.getSubject?.(), err: exception }, 'unhandled error in bus handler'),
    );
    const payload: ErrorPayload = { code: ErrorCode.INTERNAL, message: 'Internal error.', errorId };
    return throwError(() => payload);
  }
}
