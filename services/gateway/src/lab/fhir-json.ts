import { MAX_LAB_REQUEST_BYTES } from '@pacjent/contracts';
import type { FastifyInstance } from 'fastify';
import { depthCheckedJsonParser } from '../http/json-body';

/** The path laboratories post FHIR bundles to (with the global /api prefix). */
export const LAB_RESULTS_PATH = '/api/lab/results';

/**
 * FHIR's JSON media type (`application/fhir+json`) is parsed as JSON like
 * `application/json` (depth-checked the same way), and the lab route gets its own body limit: a bundle
 * with one PDF (MAX_LAB_REQUEST_BYTES); without the PDF, the bundle must fit
 * MAX_LAB_BUNDLE_BYTES (it travels to consultations in one NATS message).
 * Call before the routes are registered (before `init`/`listen`).
 */
export function acceptFhirJson(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, depthCheckedJsonParser(fastify));
  fastify.addHook('onRoute', (route) => {
    if (route.url === LAB_RESULTS_PATH) route.bodyLimit = MAX_LAB_REQUEST_BYTES;
  });
}
