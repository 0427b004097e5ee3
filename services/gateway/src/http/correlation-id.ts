import { BusHeader } from '@pacjent/contracts';
import { sanitizeCorrelationId } from '@pacjent/platform';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

/**
 * Fastify's request id: the caller's X-Correlation-Id when it is a sane
 * value, else a new UUID. Written back to the raw headers so the request
 * logger sees the same id.
 */
export function correlationIdFor(request: IncomingMessage): string {
  const header = request.headers[BusHeader.CORRELATION_ID];
  const id = sanitizeCorrelationId(typeof header === 'string' ? header : undefined) ?? randomUUID();
  request.headers[BusHeader.CORRELATION_ID] = id;
  return id;
}
