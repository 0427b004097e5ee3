import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built patient web app at `/`: hashed assets cached for a year,
 * and `index.html` (never cached) for `/` itself and for any other page
 * address a browser asks for (Accept: text/html), so client-side routes
 * survive a reload while a missing image or script still answers 404.
 * Returns the SPA fallback used for unknown paths.
 */
export async function servePortal(
  fastify: FastifyInstance,
  root: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const indexExists = existsSync(join(root, 'index.html'));
  if (!indexExists) return () => false;
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
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
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api') &&
      (path === '/' || (request.headers.accept ?? '').includes('text/html'));
    if (!isPage) return false;
    void reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
    return true;
  };
}
