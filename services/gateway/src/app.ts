import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { BusHeader, MAX_FILE_BYTES } from '@pacjent/contracts';
import { loadConfig, Metrics, toFieldErrors, validationFailed, VALIDATOR_OPTIONS } from '@pacjent/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyServerOptions } from 'fastify';
import { Logger } from 'nestjs-pino';
import { GatewayModule } from './app.module';
import { GatewayConfig } from './config';
import { closeConnectionsWhenDraining, GatewayDrain } from './health/gateway-drain';
import { measureRequests } from './health/http-metrics';
import { correlationIdFor } from './http/correlation-id';
import { GatewayValidationPipe } from './http/input-pipe';
import { parseJsonBodies } from './http/json-body';
import { sendJsonTextAsIs } from './http/json-replies';
import { correlateRequests } from './http/request-correlation';
import { logRequests } from './http/request-log';
import { sendSecurityHeaders } from './http/security-headers';
import { acceptFhirJson } from './lab/fhir-json';
import { clientErrorHandler, frameworkErrors, RouteMethods } from './problems/edge-problems';
import { ProblemFilter } from './problems/problem.filter';
import { serveRealtime } from './realtime/realtime.route';
import { consoleDist, serveConsole } from './web/console';
import { servePortal } from './web/portal';

const JSON_BODY_LIMIT = 1024 * 1024;

/** Fastify's options for the gateway, from its validated configuration. */
export function httpServerOptions(config: GatewayConfig) {
  return {
    trustProxy: config.TRUST_PROXY,
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: correlationIdFor,
    requestIdHeader: false as const,
    frameworkErrors,
    clientErrorHandler,
  } satisfies FastifyServerOptions;
}

/** Builds the gateway (not yet listening): the HTTP edge of the portal. */
export async function createGatewayApp(): Promise<NestFastifyApplication> {
  // Validated before the HTTP server exists: it needs TRUST_PROXY (an invalid value stops the start).
  const adapter = new FastifyAdapter(httpServerOptions(loadConfig(GatewayConfig)));
  // Nest's own body parsers are off: the gateway takes JSON only, through parseJsonBodies (depth-checked).
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
    // A dependency that is down (Redis, NATS) reaches main(), which says so in one line, instead of Nest exiting.
    abortOnError: false,
  });
  const config = app.get(GatewayConfig);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const routeMethods = new RouteMethods(fastify);
  parseJsonBodies(fastify, JSON_BODY_LIMIT); // the only body parser besides multipart's
  sendJsonTextAsIs(fastify);
  correlateRequests(fastify);
  logRequests(fastify);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(BusHeader.CORRELATION_ID, request.id);
    // Personal data must not linger in shared or browser caches.
    if (request.url.startsWith('/api') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
  });
  sendSecurityHeaders(fastify);
  acceptFhirJson(fastify);
  closeConnectionsWhenDraining(fastify, app.get(GatewayDrain));
  measureRequests(fastify, app.get(Metrics));
  await app.register(cookie);
  // Uploads (POST /api/files) are read part by part; busboy stops a file at the limit.
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 6 },
  });

  await serveRealtime(app);

  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new GatewayValidationPipe({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => validationFailed(toFieldErrors(errors)),
    }),
  );
  const spaFallback = await servePortal(fastify, config.PORTAL_DIST);
  const consoleFallback = await serveConsole(fastify, consoleDist());
  app.useGlobalFilters(
    new ProblemFilter((request, reply) => consoleFallback(request, reply) || spaFallback(request, reply), routeMethods),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pacjent API')
      .setDescription('The patient portal API. Errors are application/problem+json with a stable `code`.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
