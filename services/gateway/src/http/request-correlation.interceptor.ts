import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { withCorrelationId } from '@pacjent/platform';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

/**
 * Runs each HTTP handler inside its request's correlation id (Fastify's
 * request id, taken from X-Correlation-Id or generated), so the bus client
 * sends it on to the services.
 */
@Injectable()
export class RequestCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return new Observable((subscriber) => withCorrelationId(request.id, () => next.handle().subscribe(subscriber)));
  }
}
