import type { Metrics } from '@pacjent/platform';
import type { FastifyInstance } from 'fastify';

/** Times every answer: `pacjent_http_request_duration_seconds{method, route, status}` (route = the pattern, never the raw URL). */
export function measureRequests(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpSeconds.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
