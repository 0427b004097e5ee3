import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';

/**
 * The cookie that binds a bank confirmation to the browser that started it.
 * Its random value goes to identity (which keeps only its SHA-256) when the
 * attempt starts; the callback must bring it back. HttpOnly, and SameSite=Lax
 * because the bank sends the browser back with a top-level navigation from
 * its own site. Its path is the callback alone. See docs/decisions/0005.
 */
export const BANK_BINDING_COOKIE = 'pacjent_bank_binding';
export const BANK_CALLBACK_PATH = '/api/identity/verification/bank/callback';
/** Longer than identity's attempt lifetime (BANK_ATTEMPT_TTL_SECONDS, 10 min by default), which decides. */
const MAX_AGE_SECONDS = 30 * 60;

export function newBankBinding(): string {
  return randomBytes(32).toString('base64url');
}

function options(secure: boolean) {
  return { httpOnly: true, secure, sameSite: 'lax', path: BANK_CALLBACK_PATH } as const;
}

export function setBankBindingCookie(reply: FastifyReply, value: string, secure: boolean): void {
  reply.setCookie(BANK_BINDING_COOKIE, value, { ...options(secure), maxAge: MAX_AGE_SECONDS });
}

export function clearBankBindingCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(BANK_BINDING_COOKIE, options(secure));
}

export function bankBindingOf(request: FastifyRequest): string | undefined {
  return request.cookies?.[BANK_BINDING_COOKIE] || undefined;
}
