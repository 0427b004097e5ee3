import type { FastifyInstance } from 'fastify';
import { resolve } from 'node:path';
import { serveSinglePageApp, type PageFallback } from './single-page-app';

export const CONSOLE_PREFIX = '/console/';

/** Where the built staff console lives (CONSOLE_DIST); served at `/console/`. */
export function consoleDist(): string {
  return process.env.CONSOLE_DIST ?? resolve(__dirname, '../../../../apps/console/dist');
}

/** Serves the built staff console at `/console/`, like the portal at `/`. */
export function serveConsole(fastify: FastifyInstance, root: string): Promise<PageFallback> {
  return serveSinglePageApp(fastify, { root, prefix: CONSOLE_PREFIX });
}
