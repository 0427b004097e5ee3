import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { currentCorrelationId } from './correlation';

/**
 * Personal data and secrets never reach a log line: these paths are replaced
 * wherever they appear (one or two levels deep), and request URLs lose their
 * query strings (a staff search may carry a PESEL).
 */
export const REDACTED_PATHS = [
  'password',
  'pesel',
  'firstName',
  'lastName',
  'email',
  'phone',
  'accessToken',
  'refreshToken',
  'token',
  'accessCode',
  '*.password',
  '*.pesel',
  '*.firstName',
  '*.lastName',
  '*.email',
  '*.phone',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.accessCode',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function pinoOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service, pid: process.pid },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  };
}

const withoutQuery = (url: string | undefined): string | undefined => url?.split('?')[0];

/** Nest logging through pino (JSON lines), for services and the gateway alike. */
export function loggingModuleOptions(service: string, level: string): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      ...pinoOptions(service, level),
      // The gateway sets the correlation id before pino-http runs; reuse it as the request id.
      genReqId: (req: IncomingMessage) => currentCorrelationId() ?? String(req.headers['x-correlation-id'] ?? ''),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: withoutQuery(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      // A 5xx answer is already logged (with its error id) where it arose; no synthetic stack here.
      customErrorObject: (_req, _res, _err, value: Record<string, unknown>) => ({ ...value, err: undefined }),
    },
  };
}
