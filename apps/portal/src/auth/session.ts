import { sendRequest } from '../api/http';
import { ApiError } from '../api/problem';
import type { AccessToken } from '../api/types';
import { refreshDelayMs } from './refresh-timing';

/**
 * The access token lives in memory only (never in storage); the refresh token
 * is an HttpOnly cookie the gateway sets. A reload restores the session with
 * one refresh call.
 */
let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let inflight: Promise<RefreshOutcome> | null = null;
const endListeners = new Set<() => void>();
const tokenListeners = new Set<() => void>();

/** `rejected`: the server refused the cookie (no session); `failed`: it could not answer. */
export type RefreshOutcome = { kind: 'ok' } | { kind: 'rejected' } | { kind: 'failed'; error: ApiError };

export function getAccessToken(): string | null {
  return accessToken;
}

/**
 * Set while this browser holds a session, so a visitor who never logged in
 * (or logged out) is not sent to /api/auth/refresh only to get a 401.
 */
const SESSION_MARKER = 'pacjent.session';

function markSession(present: boolean): void {
  try {
    if (present) localStorage.setItem(SESSION_MARKER, '1');
    else localStorage.removeItem(SESSION_MARKER);
  } catch {
    // Storage may be off; the marker only saves a request.
  }
}

/** Whether a refresh cookie may exist: false when this browser never logged in or logged out. */
export function mayHaveSession(): boolean {
  try {
    return localStorage.getItem(SESSION_MARKER) === '1';
  } catch {
    return true;
  }
}

export function startSession(token: AccessToken): void {
  markSession(true);
  accessToken = token.accessToken;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshSession(), refreshDelayMs(token.expiresIn));
  tokenListeners.forEach((listener) => listener());
}

/** Subscribes to new access tokens (login and every refresh), e.g. to re-authenticate the realtime socket. */
export function onAccessToken(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** Forgets the token; unless `quietly`, tells the app the session is over. */
export function endSession(quietly = false): void {
  const hadSession = accessToken !== null;
  markSession(false);
  accessToken = null;
  clearTimeout(refreshTimer);
  if (hadSession && !quietly) endListeners.forEach((listener) => listener());
}

/** Subscribes to involuntary ends (refresh refused). Returns the unsubscribe function. */
export function onSessionEnded(listener: () => void): () => void {
  endListeners.add(listener);
  return () => endListeners.delete(listener);
}

/** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
export function refreshSession(): Promise<RefreshOutcome> {
  inflight ??= doRefresh().finally(() => {
    inflight = null;
  });
  return inflight;
}

async function doRefresh(): Promise<RefreshOutcome> {
  try {
    startSession(await sendRequest<AccessToken>({ method: 'POST', path: '/api/auth/refresh' }));
    return { kind: 'ok' };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401 || error.status === 403) {
      endSession();
      return { kind: 'rejected' };
    }
    return { kind: 'failed', error };
  }
}

/** Ends the session on the server (clears the cookie) and here. */
export async function logout(): Promise<void> {
  try {
    await sendRequest<void>({ method: 'POST', path: '/api/auth/logout', accessToken });
  } finally {
    markSession(false);
    accessToken = null;
    clearTimeout(refreshTimer);
  }
}
