import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { currentCorrelationId } from './correlation';
import { maskPersonalData } from './log-masking';

/**
 * Personal data and secrets never reach a log line: these paths are replaced
 * wherever they appear (one or two levels deep), request URLs lose their
 * query strings (a staff search may carry a PESEL), and every line is masked
 * by pattern too (log-masking.ts: a valid PESEL, a labelled 4-digit code).
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
    // …and by pattern, in whatever text a line carries (an error message quoting a PESEL).
    hooks: { streamWrite: maskPersonalData },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  };
}

/** A request path for the logs: without its query string (a staff search may carry a PESEL). */
export const withoutQuery = (url: string | undefined): string | undefined => url?.split('?')[0];

/**
 * Nest logging through pino (JSON lines), for services and the gateway alike.
 * No request middleware: the gateway writes its request lines from a Fastify
 * hook (pino-http through Nest's Express-style middleware cost ~20 % of the
 * gateway's CPU per request).
 */
export function loggingModuleOptions(service: string, level: string): Params {
  return { forRoutes: [], pinoHttp: pinoOptions(service, level) };
}
