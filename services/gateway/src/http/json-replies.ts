import { JsonText } from '@pacjent/platform';
import type { FastifyInstance } from 'fastify';

/**
 * Sends a JsonText (a service's response forwarded by `BusClient.forward`)
 * as the JSON it already is; anything else as fastify would. A read the
 * gateway only passes on is thus never parsed and serialized again here.
 */
export function sendJsonTextAsIs(fastify: FastifyInstance): void {
  fastify.setReplySerializer((payload) => (payload instanceof JsonText ? payload.json : JSON.stringify(payload)));
}
