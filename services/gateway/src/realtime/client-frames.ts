import {
  CHAT_MESSAGE_MAX_LENGTH,
  CLIENT_MESSAGE_ID,
  type RealtimeClientFrame,
  type RtcSignal,
} from '@pacjent/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNAL_KINDS = new Set(['offer', 'answer', 'ice', 'hangup']);
/** An SDP is a few KB; the frame limit (64 KB) bounds it anyway. */
const SDP_MAX = 60_000;

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/**
 * A frame a page sent, checked field by field (it came from the internet);
 * null when it is not one of RealtimeClientFrame. The chat text's content
 * (length, control characters) is checked again by consultations.
 */
export function parseClientFrame(text: string): RealtimeClientFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'auth':
      return isString(frame.accessToken, 8192) && frame.accessToken.length > 0
        ? { type: 'auth', accessToken: frame.accessToken }
        : null;
    case 'follow':
      return isUuid(frame.consultationId) && Number.isSafeInteger(frame.afterSeq) && (frame.afterSeq as number) >= 0
        ? { type: 'follow', consultationId: frame.consultationId, afterSeq: frame.afterSeq as number }
        : null;
    case 'chat':
      return isUuid(frame.consultationId) &&
        typeof frame.clientMessageId === 'string' &&
        CLIENT_MESSAGE_ID.test(frame.clientMessageId) &&
        isString(frame.text, CHAT_MESSAGE_MAX_LENGTH * 2)
        ? {
            type: 'chat',
            consultationId: frame.consultationId,
            clientMessageId: frame.clientMessageId,
            text: frame.text,
          }
        : null;
    case 'share_file':
      return isUuid(frame.consultationId) &&
        typeof frame.clientMessageId === 'string' &&
        CLIENT_MESSAGE_ID.test(frame.clientMessageId) &&
        isUuid(frame.fileId)
        ? {
            type: 'share_file',
            consultationId: frame.consultationId,
            clientMessageId: frame.clientMessageId,
            fileId: frame.fileId,
          }
        : null;
    case 'signal': {
      const signal = parseSignal(frame.signal);
      return isUuid(frame.consultationId) && signal
        ? { type: 'signal', consultationId: frame.consultationId, signal }
        : null;
    }
    case 'watch':
      return frame.topic === 'specialties' || frame.topic === 'doctor_queue'
        ? { type: 'watch', topic: frame.topic }
        : null;
    default:
      return null;
  }
}

function parseSignal(value: unknown): RtcSignal | null {
  if (typeof value !== 'object' || value === null) return null;
  const signal = value as Record<string, unknown>;
  if (typeof signal.kind !== 'string' || !SIGNAL_KINDS.has(signal.kind)) return null;
  if (signal.sdp !== undefined && !isString(signal.sdp, SDP_MAX)) return null;
  return {
    kind: signal.kind as RtcSignal['kind'],
    ...(signal.sdp !== undefined ? { sdp: signal.sdp as string } : {}),
    ...(signal.candidate !== undefined ? { candidate: signal.candidate } : {}),
  };
}
