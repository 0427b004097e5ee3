import { ErrorCode } from '@pacjent/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { titleOf } from './http-status';
import type { Problem } from './problem.filter';

/**
 * Errors that happen outside the application's handlers — in the router, the
 * body parsers, the HTTP parser — answered like every other error:
 * application/problem+json with a stable code, and a fixed detail that never
 * repeats what the client sent (a URL, a header, a body can carry anything).
 */

/** Codes of the HTTP edge, next to the domain's ErrorCode (they never come from a service). */
export const EdgeCode = {
  NOT_FOUND: ErrorCode.NOT_FOUND,
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  URI_TOO_LONG: 'URI_TOO_LONG',
  BAD_URL: 'BAD_URL',
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  BAD_REQUEST: 'BAD_REQUEST',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

/** The detail for an HTTP status, when the reason is the framework's: fixed text, nothing of the input. */
const DETAILS: Record<number, string> = {
  400: 'The request could not be read.',
  401: 'Log in first.',
  403: 'You may not do this.',
  404: 'There is nothing at this address.',
  405: 'This address does not take this method.',
  406: 'No representation you accept is available.',
  408: 'The request took too long to arrive.',
  413: 'The request body is too large.',
  414: 'The address is too long.',
  415: 'This media type is not accepted here.',
  431: 'The request headers are too large.',
};

export const detailOfStatus = (status: number): string => DETAILS[status] ?? titleOf(status);

export function edgeProblem(status: number, code: string, detail = detailOfStatus(status)): Problem {
  return { type: 'about:blank', title: titleOf(status), status, detail, code };
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  void reply
    .status(problem.status)
    .header('Content-Type', 'application/problem+json; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(problem);
}

/** Fastify's `frameworkErrors`: the router could not even match the URL. */
export function frameworkErrors(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, edgeProblem(414, EdgeCode.URI_TOO_LONG));
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(reply, edgeProblem(400, EdgeCode.BAD_URL, 'The address is not a valid URL.'));
  }
  sendProblem(reply, edgeProblem(400, EdgeCode.BAD_REQUEST));
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request
 * (headers too large, malformed, too slow), so there is no request to answer
 * through Fastify; write the problem to the socket and close it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, EdgeCode.HEADERS_TOO_LARGE]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, EdgeCode.REQUEST_TIMEOUT]
        : [400, EdgeCode.BAD_REQUEST];
  const body = JSON.stringify(edgeProblem(status, code));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Which methods the gateway's routes take at a path: collected as routes are
 * added, so a request for a path that exists with another method gets 405
 * with `Allow`, not 404.
 */
export class RouteMethods {
  private readonly routes: Array<{ pattern: RegExp; methods: string[] }> = [];

  constructor(fastify: FastifyInstance) {
    fastify.addHook('onRoute', (route) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
      if (methods.length > 0) this.routes.push({ pattern: patternOf(route.url), methods });
    });
  }

  /** The methods some route takes at `path`, sorted; empty when no route matches it at all. */
  allowedAt(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(path)) route.methods.forEach((m) => methods.add(m));
    return [...methods].sort();
  }
}

/** A Fastify route URL (`/api/appointments/:id.ics`, `/assets/*`) as an anchored RegExp. */
export function patternOf(url: string): RegExp {
  let source = '';
  for (let i = 0; i < url.length; i++) {
    const char = url[i]!;
    if (char === ':') {
      // a parameter: its name runs to the next '/', '.' or '-'
      while (i + 1 < url.length && /[A-Za-z0-9_]/.test(url[i + 1]!)) i++;
      source += '[^/]+?';
    } else if (char === '*') {
      source += '.*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}/?$`);
}
