import { withoutQuery } from '@pacjent/platform';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/**
 * One line per answered request ("request completed": method, path, status,
 * time in ms, correlation id), at error for a 5xx, info otherwise. The path
 * loses its query string. Nothing is built when the level is off. Flat field
 * names: the logger's `req`/`res` serializers expect Node's request and
 * response objects.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    const logger = PinoLogger.root;
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          correlationId: request.id,
          method: request.method,
          path: withoutQuery(request.url),
          statusCode: reply.statusCode,
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
