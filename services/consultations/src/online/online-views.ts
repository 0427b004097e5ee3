import type {
  ChatMessageView,
  Channel,
  OnlineConsultationView,
  OnlineForm,
  OnlineParticipant,
  SharedFileView,
} from '@pacjent/contracts';
import type { OnlineConsultationEntity } from './online-consultation.entity';
import type { OnlineMessageEntity } from './online-message.entity';

/** The forms a specialty offers online, from the channels of its consultation service: chat always, voice by phone, video by video. */
export function formsOf(channels: Channel[]): OnlineForm[] {
  return [
    'chat',
    ...(channels.includes('phone') ? (['voice'] as const) : []),
    ...(channels.includes('video') ? (['video'] as const) : []),
  ];
}

/**
 * The estimated wait of the patient at `position` (1-based): the patients up
 * to them shared among the doctors on duty, each taking the average length of
 * a consultation. Null when nobody is on duty (there is no estimate, only the
 * fallback slots).
 */
export function estimateWaitMinutes(position: number, doctorsOnDuty: number, averageMinutes: number): number | null {
  if (doctorsOnDuty <= 0) return null;
  return Math.round(((position - 1) / doctorsOnDuty) * averageMinutes);
}

/** Age in full years on `now` from a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, now: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age -= 1;
  return age;
}

/** In the record, a call by voice is filed as a phone visit, chat and video as video visits. */
export function channelOf(form: OnlineForm): Channel {
  return form === 'voice' ? 'phone' : 'video';
}

export function mapMessage(message: OnlineMessageEntity): ChatMessageView {
  return {
    consultationId: message.consultationId,
    seq: message.seq,
    at: message.at.toISOString(),
    author: message.author,
    kind: message.kind,
    ...(message.text !== null ? { text: message.text } : {}),
    ...(message.file ? { file: message.file } : {}),
  };
}

export function mapConsultation(
  consultation: OnlineConsultationEntity,
  queue: { position: number | null; estimatedWaitMinutes: number | null },
  sharedFiles: SharedFileView[],
  now: Date,
): OnlineConsultationView {
  const patient: OnlineParticipant = { id: consultation.patientId, name: consultation.patientName };
  if (consultation.patientBirthDate) patient.age = ageOn(consultation.patientBirthDate, now);
  return {
    id: consultation.id,
    specialty: consultation.specialty,
    form: consultation.form,
    status: consultation.status,
    position: consultation.status === 'waiting' ? queue.position : null,
    estimatedWaitMinutes: consultation.status === 'waiting' ? queue.estimatedWaitMinutes : null,
    patient,
    doctor:
      consultation.doctorId && consultation.doctorName
        ? { id: consultation.doctorId, name: consultation.doctorName }
        : null,
    requestedAt: consultation.requestedAt.toISOString(),
    startedAt: consultation.startedAt?.toISOString() ?? null,
    endedAt: consultation.endedAt?.toISOString() ?? null,
    sharedFiles,
  };
}
