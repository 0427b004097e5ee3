import { getAccessToken, refreshSession } from '../auth/session';
import { networkError, problemToApiError } from './problem';

/**
 * Fetches a protected file with the access token (a refused token is
 * refreshed once) and hands it to the browser as a download named `filename`.
 */
export async function downloadAuthorized(path: string, filename: string): Promise<void> {
  const fetchOnce = () =>
    fetch(path, { headers: { Authorization: `Bearer ${getAccessToken() ?? ''}` }, credentials: 'same-origin' });
  let response = await fetchOnce().catch((error: unknown) => {
    throw networkError(String(error));
  });
  if (response.status === 401 && (await refreshSession()).kind === 'ok') response = await fetchOnce();
  if (!response.ok) throw problemToApiError(response.status, await response.json().catch(() => null), null, new Date());
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
