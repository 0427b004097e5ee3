import type { FastifyInstance } from 'fastify';
import { serveSinglePageApp, type PageFallback } from './single-page-app';

/** Serves the built patient web app at `/` (everything outside `/api`). */
export function servePortal(fastify: FastifyInstance, root: string): Promise<PageFallback> {
  return serveSinglePageApp(fastify, { root, prefix: '/', notPages: '/api' });
}
