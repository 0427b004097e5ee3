import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONSOLE_PREFIX = '/console/';

/** Where the built staff console lives (CONSOLE_DIST); served at `/console/`. */
export function consoleDist(): string {
  return process.env.CONSOLE_DIST ?? resolve(__dirname, '../../../../apps/console/dist');
}

/**
 * Serves the built staff console at `/console/` like the portal at `/`:
 * hashed assets cached for a year, and `index.html` (never cached) for
 * `/console/` itself and for any other page address under `/console` a
 * browser asks for. Returns the fallback for unknown paths.
 */
export async function serveConsole(
  fastify: FastifyInstance,
  root: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return () => false;
  const index = readFileSync(indexPath, 'utf8');
  await fastify.register(fastifyStatic, {
    root,
    prefix: CONSOLE_PREFIX,
    decorateReply: false,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      void reply.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (request, reply) => {
    const path = request.url.split('?', 1)[0];
    const isRoot = path === '/console' || path === CONSOLE_PREFIX;
    const isConsolePage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      (isRoot || (path.startsWith(CONSOLE_PREFIX) && (request.headers.accept ?? '').includes('text/html')));
    if (!isConsolePage) return false;
    void reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
    return true;
  };
}
