import { MAX_INPUT_DEPTH, nestsDeeperThan, TOO_DEEP_MESSAGE, validationFailed } from '@pacjent/platform';
import type { FastifyBodyParser, FastifyInstance } from 'fastify';

/**
 * The one JSON body parser of every route: Fastify's own (prototype-poisoning
 * safe), then a depth check, so a body nested past MAX_INPUT_DEPTH is a 400
 * before any validator (they recurse) sees it. JSON.parse itself does not
 * recurse in V8, so parsing the hostile body first is safe; the body limit
 * still bounds its size.
 */
export function parseJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, depthCheckedJsonParser(fastify));
}

/** Fastify's JSON parser followed by the depth check, for every JSON media type the gateway reads. */
export function depthCheckedJsonParser(fastify: FastifyInstance): FastifyBodyParser<string> {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    void parse(request, body, (error, value) => {
      if (error) return done(error, undefined);
      if (nestsDeeperThan(value, MAX_INPUT_DEPTH)) {
        const tooDeep = Object.assign(validationFailed([{ field: '', messages: [TOO_DEEP_MESSAGE] }]), {
          statusCode: 400,
        });
        return done(tooDeep, undefined);
      }
      done(null, value);
    });
  };
}
