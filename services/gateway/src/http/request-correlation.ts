import { withCorrelationId } from '@pacjent/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Runs each route handler inside its request's correlation id (Fastify's
 * request id, taken from X-Correlation-Id or generated), so the bus client
 * sends it on to the services. A Fastify hook rather than a Nest
 * interceptor: it costs one AsyncLocalStorage entry per request instead of
 * an interceptor chain. preHandler, because it runs after the body is read
 * (reading it continues in the socket's async context, not the request's).
 */
export function correlateRequests(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => withCorrelationId(request.id, done));
}
