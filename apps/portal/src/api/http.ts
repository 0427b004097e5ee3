import { ApiError, networkError, problemToApiError } from './problem';

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute path on this origin, e.g. `/api/me`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  accessToken?: string | null;
}

/** Longer than the gateway's own service timeout, so its 504 normally arrives first. */
const REQUEST_TIMEOUT_MS = 30_000;

/** One HTTP call to the gateway: JSON in and out, failures as ApiError. */
export async function sendRequest<T>(request: HttpRequest): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (request.accessToken) headers.Authorization = `Bearer ${request.accessToken}`;

  let response: Response;
  try {
    response = await fetch(request.path, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // The refresh token is an HttpOnly cookie on this origin.
      credentials: 'same-origin',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new ApiError(0, 'SERVICE_TIMEOUT', 'The request timed out.');
    }
    throw networkError(error instanceof Error ? error.message : String(error));
  }

  const body = await readBody(response);
  if (!response.ok) throw problemToApiError(response.status, body, response.headers.get('Retry-After'), new Date());
  return body as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
