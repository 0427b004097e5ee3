import { withoutQuery } from '@pacjent/platform';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/**
 * One line per answered request, as pino-http wrote it ("request completed"
 * with req id/method/path, status and time), at error for a 5xx, info
 * otherwise. The path loses its query string; the request id is the
 * correlation id. Built from nothing when the level is off.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    const logger = PinoLogger.root;
    if (logger.isLevelEnabled(level)) {
      logger[level](
        {
          correlationId: request.id,
          req: { id: request.id, method: request.method, url: withoutQuery(request.url) },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
