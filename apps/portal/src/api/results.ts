import type { ParameterSeries, ResultsPage, ResultView } from '@pacjent/contracts';
import { authorized } from './client';
import { downloadAuthorized as download } from './download';

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
