/**
 * Online consultations on demand ("Konsultacje online"): a patient queues for
 * a specialty and a form, a doctor on duty takes the oldest waiting patient,
 * and the two talk by chat, voice or video. Owned by the consultations
 * service (feature folder `online/`); the gateway carries the real-time part
 * over one WebSocket per page (`GET /api/realtime`).
 *
 * This file is the contract between the service, the gateway and the two web
 * apps: HTTP bodies, WebSocket frames and close codes.
 */

export const ONLINE_FORMS = ['chat', 'voice', 'video'] as const;
export type OnlineForm = (typeof ONLINE_FORMS)[number];

export const ONLINE_CONSULTATION_STATUSES = ['waiting', 'active', 'ended', 'left'] as const;
export type OnlineConsultationStatus = (typeof ONLINE_CONSULTATION_STATUSES)[number];

/** Text of one chat message, in characters. */
export const CHAT_MESSAGE_MAX_LENGTH = 2_000;
/** A page that loses its connection for longer than this leaves the queue. */
export const QUEUE_GRACE_SECONDS = 60;
/** Per-connection limits at the gateway. */
export const REALTIME_MAX_MESSAGES_PER_SECOND = 10;
export const REALTIME_MAX_FRAME_BYTES = 64 * 1024;
/** A new connection must authenticate within this time. */
export const REALTIME_AUTH_TIMEOUT_MS = 5_000;

/** Close codes the gateway's WebSocket uses (4000–4999 is the application's range). */
export const RealtimeCloseCode = {
  /** No valid access token: never sent, invalid, or expired and not refreshed. */
  UNAUTHENTICATED: 4401,
  /** The first frame was not `auth` within REALTIME_AUTH_TIMEOUT_MS. */
  AUTH_TIMEOUT: 4408,
  /** More than REALTIME_MAX_MESSAGES_PER_SECOND frames in a second. */
  RATE_LIMITED: 4429,
  /** A frame larger than REALTIME_MAX_FRAME_BYTES (1009 is the protocol's own "message too big"). */
  FRAME_TOO_LARGE: 1009,
  /** The gateway is shutting down: reconnect (to another replica) at once. */
  GOING_AWAY: 1001,
} as const;

/** GET /api/online/specialties — what a full-account patient can start now. */
export interface OnlineSpecialtyView {
  /** The booking specialty, as doctors carry it (e.g. "Internista"). */
  specialty: string;
  forms: OnlineForm[];
  /** Doctors on duty for this specialty right now. */
  doctorsOnDuty: number;
  waiting: number;
  /** null when nobody is on duty. */
  estimatedWaitMinutes: number | null;
}

/** POST /api/online/consultations body. */
export interface StartOnlineConsultationBody {
  specialty: string;
  form: OnlineForm;
}

export interface OnlineParticipant {
  id: string;
  name: string;
  /** Patients only. */
  age?: number;
}

export interface SharedFileView {
  fileId: string;
  name: string;
  mediaType: string;
  size: number;
  sharedAt: string;
}

/** GET /api/online/consultations/:id (patient) and /api/doctor/online/consultations/:id (doctor). */
export interface OnlineConsultationView {
  id: string;
  specialty: string;
  form: OnlineForm;
  status: OnlineConsultationStatus;
  /** 1-based position while waiting, null otherwise. */
  position: number | null;
  estimatedWaitMinutes: number | null;
  patient: OnlineParticipant;
  doctor: OnlineParticipant | null;
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  sharedFiles: SharedFileView[];
}

export const CHAT_MESSAGE_KINDS = ['text', 'file', 'call_started', 'call_ended', 'ended'] as const;
export type ChatMessageKind = (typeof CHAT_MESSAGE_KINDS)[number];

/** One entry of a consultation's transcript; seq is 1, 2, 3… per consultation, without gaps. */
export interface ChatMessageView {
  consultationId: string;
  seq: number;
  at: string;
  author: 'patient' | 'doctor' | 'system';
  kind: ChatMessageKind;
  text?: string;
  file?: SharedFileView;
}

/** WebRTC signalling, relayed verbatim between the two participants (never stored). */
export interface RtcSignal {
  kind: 'offer' | 'answer' | 'ice' | 'hangup';
  sdp?: string;
  candidate?: unknown;
}

/** Frames a page sends over /api/realtime (JSON text frames). */
export type RealtimeClientFrame =
  /** First frame, and again after every token refresh. */
  | { type: 'auth'; accessToken: string }
  /** Follow a consultation: the server replays every message with seq > afterSeq, then the live ones. */
  | { type: 'follow'; consultationId: string; afterSeq: number }
  | { type: 'chat'; consultationId: string; clientMessageId: string; text: string }
  | { type: 'share_file'; consultationId: string; clientMessageId: string; fileId: string }
  | { type: 'signal'; consultationId: string; signal: RtcSignal }
  /** Patient: the live list of specialties; doctor: the live queue of their duty. */
  | { type: 'watch'; topic: 'specialties' | 'doctor_queue' };

/** Frames the gateway sends. */
export type RealtimeServerFrame =
  | { type: 'ready'; userId: string; expiresAt: string }
  | { type: 'message'; message: ChatMessageView }
  /** The sender's own chat/share_file was stored as `seq`. */
  | { type: 'ack'; clientMessageId: string; seq: number }
  | { type: 'consultation'; consultation: OnlineConsultationView }
  | { type: 'specialties'; specialties: OnlineSpecialtyView[] }
  | { type: 'doctor_queue'; waiting: OnlineConsultationView[] }
  | { type: 'signal'; consultationId: string; signal: RtcSignal }
  | { type: 'error'; code: string; message: string; clientMessageId?: string };
