import type {
  ChatMessageView,
  OnlineConfigView,
  OnlineConsultationView,
  OnlineFallbackSlotsView,
  OnlineForm,
  OnlineSpecialtyView,
} from '@pacjent/contracts';
import { authorized } from '../../api/client';

const consultationPath = (id: string) => `/api/online/consultations/${encodeURIComponent(id)}`;

/** "Konsultacje online": the gateway calls of the patient's side (paths from issue 13). */
export const onlineApi = {
  specialties: () => authorized<OnlineSpecialtyView[]>({ path: '/api/online/specialties' }),
  config: () => authorized<OnlineConfigView>({ path: '/api/online/config' }),
  start: (specialty: string, form: OnlineForm) =>
    authorized<OnlineConsultationView>({
      method: 'POST',
      path: '/api/online/consultations',
      body: { specialty, form },
    }),
  get: (id: string) => authorized<OnlineConsultationView>({ path: consultationPath(id) }),
  leave: (id: string) => authorized<void>({ method: 'DELETE', path: consultationPath(id) }),
  messages: (id: string, after = 0) =>
    authorized<ChatMessageView[]>({ path: `${consultationPath(id)}/messages?after=${after}` }),
  fallbackSlots: (specialty: string) =>
    authorized<OnlineFallbackSlotsView>({
      path: `/api/online/specialties/${encodeURIComponent(specialty)}/fallback-slots`,
    }),
};
