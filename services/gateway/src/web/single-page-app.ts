import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Answers an unknown path with the app's page when it is one (true), else leaves it to the next (false). */
export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export interface SinglePageApp {
  /** The built app (Vite's output: index.html and hashed assets). */
  root: string;
  /** Where it is served, with a trailing slash: `/` or `/console/`. */
  prefix: string;
  /** Paths under the prefix that are never the app's pages (the API). */
  notPages?: string;
}

/**
 * Serves a built single-page app under its prefix: hashed assets cached for a
 * year, and `index.html` (never cached) for the app's root, to any client,
 * and for any other page address under the prefix a browser asks for
 * (Accept: text/html), so client-side routes survive a reload while a missing
 * image or script still answers 404. Returns the fallback for unknown paths;
 * when the app is not built, one that never answers.
 */
export async function serveSinglePageApp(fastify: FastifyInstance, app: SinglePageApp): Promise<PageFallback> {
  const indexPath = join(app.root, 'index.html');
  if (!existsSync(indexPath)) return () => false;
  await fastify.register(fastifyStatic, {
    root: app.root,
    prefix: app.prefix,
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
  const rootPaths = new Set([app.prefix, app.prefix.replace(/\/$/, '') || '/']);
  return (request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      (rootPaths.has(path) ||
        (path.startsWith(app.prefix) &&
          !(app.notPages && path.startsWith(app.notPages)) &&
          (request.headers.accept ?? '').includes('text/html')));
    if (!isPage) return false;
    void reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(createReadStream(indexPath));
    return true;
  };
}
