import { MAX_INPUT_DEPTH, nestsDeeperThan, TOO_DEEP_MESSAGE, validationFailed } from '@pacjent/platform';
import type { FastifyInstance } from 'fastify';

/**
 * The one JSON body parser of every route: Fastify's own (prototype-poisoning
 * safe), then a depth check, so a body nested past MAX_INPUT_DEPTH is a 400
 * before any validator (they recurse) sees it. JSON.parse itself does not
 * recurse in V8, so parsing the hostile body first is safe; the body limit
 * still bounds its size.
 */
export function parseJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    void parse(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
        const tooDeep = Object.assign(validationFailed([{ field: '', messages: [TOO_DEEP_MESSAGE] }]), {
          statusCode: 400,
        });
        return done(tooDeep, undefined);
      }
      done(null, value);
    });
  });
}
