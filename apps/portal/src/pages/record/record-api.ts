import type {
  PrescriptionView,
  QuestionView,
  RecordVisitPage,
  RecordVisitView,
  ReferralView,
} from '@pacjent/contracts';
import { authorized } from '../../api/client';

/** The treatment record's calls (paths from API.md). */
export const recordApi = {
  visits: (query: string) => authorized<RecordVisitPage>({ path: `/api/record/visits?${query}` }),
  /** The patient's e-prescriptions (the prescriptions service's): each visit shows those issued at it. */
  prescriptions: () => authorized<PrescriptionView[]>({ path: '/api/prescriptions' }),
  visit: (id: string) => authorized<RecordVisitView>({ path: `/api/record/visits/${encodeURIComponent(id)}` }),
  referrals: () => authorized<ReferralView[]>({ path: '/api/referrals' }),
  ask: (visitId: string, text: string) =>
    authorized<QuestionView>({
      method: 'POST',
      path: `/api/record/visits/${encodeURIComponent(visitId)}/questions`,
      body: { text },
    }),
};
