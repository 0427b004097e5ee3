import { endSession, getAccessToken, refreshSession } from '../auth/session';
import { sendRequest, type HttpRequest } from './http';
import { ApiError } from './problem';

/**
 * A call that needs the patient's access token. When the token is missing or
 * refused (401), the session is refreshed once and the call retried once.
 */
export async function authorized<T>(request: Omit<HttpRequest, 'accessToken'>): Promise<T> {
  if (getAccessToken() === null) await refreshOrThrow();
  try {
    return await sendRequest<T>({ ...request, accessToken: getAccessToken() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await refreshOrThrow();
    try {
      return await sendRequest<T>({ ...request, accessToken: getAccessToken() });
    } catch (retryError) {
      if (retryError instanceof ApiError && retryError.status === 401) endSession();
      throw retryError;
    }
  }
}

async function refreshOrThrow(): Promise<void> {
  const outcome = await refreshSession();
  if (outcome.kind === 'failed') throw outcome.error;
  if (outcome.kind === 'rejected') throw new ApiError(401, 'UNAUTHENTICATED', 'The session has ended.');
}
