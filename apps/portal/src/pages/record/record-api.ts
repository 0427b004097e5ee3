import type { QuestionView, RecordVisitPage, ReferralView } from '@pacjent/contracts';
import { authorized } from '../../api/client';

/** The treatment record's calls (paths from API.md). */
export const recordApi = {
  visits: (query: string) => authorized<RecordVisitPage>({ path: `/api/record/visits?${query}` }),
  referrals: () => authorized<ReferralView[]>({ path: '/api/referrals' }),
  ask: (visitId: string, text: string) =>
    authorized<QuestionView>({
      method: 'POST',
      path: `/api/record/visits/${encodeURIComponent(visitId)}/questions`,
      body: { text },
    }),
};
