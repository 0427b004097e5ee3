import type {
  ChatMessageView,
  OnlineConsultationView,
  OnlineForm,
  OnlineSpecialtyView,
  SlotView,
} from '@pacjent/contracts';
import { authorized } from '../../api/client';

/** GET /api/online/specialties/:specialty/fallback-slots (oc-api's OnlineFallbackSlotsView). */
export interface FallbackSlots {
  specialty: string;
  reason: 'nobody_on_duty' | 'wait_too_long' | null;
  phone: SlotView[];
  video: SlotView[];
}

/** GET /api/online/config (oc-api's OnlineConfigView). */
export interface OnlineConfig {
  iceServers: RTCIceServer[];
  chatMessageMaxLength: number;
  queueGraceSeconds: number;
}

const consultationPath = (id: string) => `/api/online/consultations/${encodeURIComponent(id)}`;

/** "Konsultacje online": the gateway calls of the patient's side (paths from issue 13). */
export const onlineApi = {
  specialties: () => authorized<OnlineSpecialtyView[]>({ path: '/api/online/specialties' }),
  config: () => authorized<OnlineConfig>({ path: '/api/online/config' }),
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
    authorized<FallbackSlots>({ path: `/api/online/specialties/${encodeURIComponent(specialty)}/fallback-slots` }),
};

/** The online part of a history entry (oc-api's RecordOnlineConsultationView, on RecordVisitView.online). */
export interface RecordOnlinePart {
  consultationId: string;
  form: OnlineForm;
  transcript: ChatMessageView[];
}
