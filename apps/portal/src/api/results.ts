import type { ParameterSeries, ResultsPage, ResultView } from '@pacjent/contracts';
import { getAccessToken, refreshSession } from '../auth/session';
import { authorized } from './client';
import { networkError, problemToApiError } from './problem';

/** Fetches a protected download with the access token and hands it to the browser as a file. */
async function download(path: string, filename: string): Promise<void> {
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

/** "Wyniki badań": the gateway calls of the results page. */
export const resultsApi = {
  list: (page: number, pageSize: number) =>
    authorized<ResultsPage>({ path: `/api/results?page=${page}&pageSize=${pageSize}` }),

  get: (id: string) => authorized<ResultView>({ path: `/api/results/${encodeURIComponent(id)}` }),

  series: (loincCode: string) =>
    authorized<ParameterSeries>({ path: `/api/results/parameters/${encodeURIComponent(loincCode)}` }),

  downloadPdf: (result: ResultView) =>
    download(`/api/results/${encodeURIComponent(result.id)}/pdf`, `wynik-${result.effectiveAt.slice(0, 10)}.pdf`),

  exportRecord: () => download('/api/record/export', 'dokumentacja-medyczna.fhir.json'),
};
