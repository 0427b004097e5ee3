import type { FastifyReply, FastifyRequest } from 'fastify';

export const REFRESH_COOKIE = 'pacjent_refresh';
/** The cookie is only ever sent to the auth endpoints that need it. */
const COOKIE_PATH = '/api/auth';

export function setRefreshCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: request.protocol === 'https',
    sameSite: 'strict',
    path: COOKIE_PATH,
    maxAge: maxAgeSeconds,
  });
}

export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    secure: request.protocol === 'https',
    sameSite: 'strict',
    path: COOKIE_PATH,
  });
}

export function refreshCookieOf(request: FastifyRequest): string | undefined {
  return request.cookies?.[REFRESH_COOKIE] || undefined;
}
