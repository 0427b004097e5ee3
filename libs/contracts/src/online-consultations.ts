import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type { Channel, ServiceKind, SlotView } from './booking';
import { CompleteVisitDto, FREE_TEXT } from './record';

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

/** A page's id of a chat line or file share (`clientMessageId`): a UUID fits. */
export const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
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

// ---------------------------------------------------------------------------
// Added with the service (branch oc-api): bus commands, the doctor's duty, the
// fallback slots, the browser's ICE configuration. Nothing above is renamed.
// ---------------------------------------------------------------------------

/** How many doctors' specialties / forms one duty may name. */
export const MAX_DUTY_SPECIALTIES = 20;
/** How many free slots of each channel the fallback proposes. */
export const FALLBACK_SLOTS_PER_CHANNEL = 5;
/** A specialty name as booking carries it: letters, spaces, hyphens (it travels in a URL path). */
export const SPECIALTY_NAME = /^[\p{L}][\p{L} .-]{0,59}$/u;

/** POST /api/online/consultations (and consultations.online.start on the bus). */
export class StartOnlineConsultationDto implements StartOnlineConsultationBody {
  @ApiProperty({ example: 'Internista' })
  @IsString()
  @Matches(SPECIALTY_NAME, { message: 'specialty must be a specialty name' })
  specialty: string;

  @ApiProperty({ enum: ONLINE_FORMS })
  @IsIn(ONLINE_FORMS)
  form: OnlineForm;
}

/** PUT /api/doctor/online/duty: the specialties (of the doctor's own) and forms to take patients for. */
export class GoOnDutyDto {
  @ApiProperty({ type: [String], example: ['Internista'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DUTY_SPECIALTIES)
  @Matches(SPECIALTY_NAME, { each: true, message: 'each specialty must be a specialty name' })
  specialties: string[];

  @ApiProperty({ enum: ONLINE_FORMS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ONLINE_FORMS.length)
  @IsIn(ONLINE_FORMS, { each: true })
  forms: OnlineForm[];
}

/** GET /api/doctor/online/duty */
export interface DoctorDutyView {
  onDuty: boolean;
  specialties: string[];
  forms: OnlineForm[];
  since: string | null;
  /** What the doctor may go on duty for: their specialties (booking's doctor data) that offer online consultations. */
  available: { specialties: string[]; forms: OnlineForm[] };
}

/** A consultation named by the path (bus: consultations.online.get, leave, access, …). */
export class OnlineConsultationIdDto {
  @IsUUID()
  consultationId: string;
}

/** GET /api/online/consultations/:id/messages?after= */
export class OnlineMessagesQueryDto {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Messages with seq greater than this' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  after?: number;
}

export class OnlineMessagesCommand extends OnlineMessagesQueryDto {
  @IsUUID()
  consultationId: string;
}

/** consultations.online.chat.send: a `chat` frame as the gateway forwards it. */
export class SendChatMessageCommand {
  @IsUUID()
  consultationId: string;

  /**
   * The page's id of the line. A repeat of one the same sender already stored in this consultation (a page
   * re-sending a line whose ack it never got) stores nothing and answers that line's seq. Optional only so
   * that a gateway of the previous release keeps working during a rolling deploy (no deduplication then).
   */
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MESSAGE_ID, { message: 'clientMessageId must be 1-64 letters, digits, "-" or "_"' })
  clientMessageId?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(CHAT_MESSAGE_MAX_LENGTH)
  @Matches(FREE_TEXT, { message: 'text must not contain control characters' })
  text: string;
}

/**
 * A file in a consultation: consultations.online.file.share (a `share_file` frame as the gateway forwards
 * it, the patient's actor; sharing a file already shared there answers that entry's seq and adds nothing),
 * consultations.online.file.grant and files.doctor.online.locate (the doctor's actor). ADR 0019.
 */
export class ConsultationFileDto {
  @IsUUID()
  consultationId: string;

  @IsUUID()
  fileId: string;
}

/** files.online.shareable: what files says of the patient's own stored file (never the client's name or size). */
export interface ShareableFile {
  fileId: string;
  name: string;
  mediaType: string;
  size: number;
}

/**
 * consultations.online.file.grant (asked by files with the doctor's actor): the doctor's consultation in which
 * the file was shared, and whose file it is. NOT_FOUND for anyone else or a file not shared there.
 */
export interface OnlineSharedFileGrant {
  consultationId: string;
  patientId: string;
  fileId: string;
}

/** consultations.online.call: a call's start or end, written to the transcript by the participant who saw it. */
export class RecordCallEventCommand {
  @IsUUID()
  consultationId: string;

  @IsIn(['call_started', 'call_ended'])
  kind: 'call_started' | 'call_ended';
}

/** consultations.online.presence: the gateway still holds a live page of these (patient's own) consultations. */
export class OnlinePresenceCommand {
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID(undefined, { each: true })
  consultationIds: string[];
}

/** POST /api/doctor/online/consultations/:id/end: the outcome form of a completed visit. */
export class EndOnlineConsultationCommand extends CompleteVisitDto {
  @IsUUID()
  consultationId: string;
}

/** What consultations.online.chat.send answers: where the message was stored. */
export interface ChatMessageStored {
  seq: number;
}

/** consultations.online.access: who the caller is in a consultation (NOT_FOUND when not one of its two). */
export interface OnlineConsultationAccess {
  consultationId: string;
  role: 'patient' | 'doctor';
  /** The other participant's account, null while waiting. */
  peerUserId: string | null;
  status: OnlineConsultationStatus;
}

/** GET /api/online/specialties/:specialty/fallback-slots */
export interface OnlineFallbackSlotsView {
  specialty: string;
  /** Why a consultation now is not proposed: nobody on duty, or the wait is over ONLINE_MAX_WAIT_MINUTES. */
  reason: 'nobody_on_duty' | 'wait_too_long' | null;
  phone: SlotView[];
  video: SlotView[];
}

/** One STUN/TURN server as RTCPeerConnection takes it. */
export interface IceServerView {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** GET /api/online/config: what the page needs before a call. */
export interface OnlineConfigView {
  iceServers: IceServerView[];
  chatMessageMaxLength: number;
  queueGraceSeconds: number;
}

/** The consultation part of a history entry ("Twoja historia") that was an online consultation. */
export interface RecordOnlineConsultationView {
  consultationId: string;
  form: OnlineForm;
  transcript: ChatMessageView[];
}

/** Core NATS broadcast consultations.online.changed: consultations whose state or queue position changed. */
export interface OnlineQueueChanged {
  consultationIds: string[];
  specialties: string[];
}

/** Booking's answer to consultations.online catalog: a specialty offered remotely, by which consultation service. */
export interface OnlineSpecialtyService {
  specialty: string;
  serviceId: string;
  serviceName: string;
  serviceKind: ServiceKind;
  channels: Channel[];
}

/** booking.doctor.profile: the signed-in doctor as booking knows them. */
export interface DoctorProfile {
  doctorId: string;
  name: string;
  specialties: string[];
}
