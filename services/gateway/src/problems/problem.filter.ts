import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import { currentCorrelationId } from '@pacjent/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { HTTP_STATUS_OF, titleOf } from './http-status';

/** RFC 9457 problem details, with our stable `code` (and `errors` for validation). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: unknown;
  errorId?: string;
  retryAfterSeconds?: number;
  service?: string;
}

/** Maps HTTP-layer exceptions (unknown route, bad JSON, body too large…) to our codes. */
function codeOfHttpStatus(status: number): string {
  switch (status) {
    case 400:
      return ErrorCode.VALIDATION_FAILED;
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return ErrorCode.TOO_MANY_ATTEMPTS;
    default:
      return status >= 500 ? ErrorCode.INTERNAL : 'HTTP_ERROR';
  }
}

export function problemFromDomainError(error: DomainError): Problem {
  const status = HTTP_STATUS_OF[error.code] ?? 500;
  const details = error.details ?? {};
  const problem: Problem = {
    type: 'about:blank',
    title: titleOf(status),
    status,
    detail: error.message,
    code: error.code,
  };
  if (details.errors) problem.errors = details.errors;
  if (typeof details.retryAfterSeconds === 'number') problem.retryAfterSeconds = details.retryAfterSeconds;
  if (typeof details.service === 'string') problem.service = details.service;
  const errorId = (error as { errorId?: string }).errorId;
  if (errorId) problem.errorId = errorId;
  return problem;
}

/**
 * Every error leaves the gateway as application/problem+json. Unknown errors
 * are logged under an error id and answered 500 with that id only.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly spaFallback?: (request: FastifyRequest, reply: FastifyReply) => boolean) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : undefined;
    if (status === 404 && this.spaFallback?.(request, reply)) return;

    const problem = this.toProblem(exception, request);
    problem.instance = request.url.split('?')[0];
    if (problem.retryAfterSeconds !== undefined) reply.header('Retry-After', String(problem.retryAfterSeconds));
    void reply
      .status(problem.status)
      .header('Content-Type', 'application/problem+json; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    if (exception instanceof DomainError) {
      const problem = problemFromDomainError(exception);
      if (problem.status >= 500) {
        this.logger.warn({ code: problem.code, errorId: problem.errorId, service: problem.service }, problem.detail);
      }
      return problem;
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : body;
      return {
        type: 'about:blank',
        title: titleOf(status),
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        code: codeOfHttpStatus(status),
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      {
        errorId,
        correlationId: currentCorrelationId(),
        method: request.method,
        url: request.url.split('?')[0],
        err: exception,
      },
      'unhandled error',
    );
    return {
      type: 'about:blank',
      title: titleOf(500),
      status: 500,
      detail: 'Something went wrong on our side. Quote the error id when you contact us.',
      code: ErrorCode.INTERNAL,
      errorId,
    };
  }
}
