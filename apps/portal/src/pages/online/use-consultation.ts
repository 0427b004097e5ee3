import type { ChatMessageView, OnlineConsultationView } from '@pacjent/contracts';
import { useCallback, useEffect, useState } from 'react';
import { realtime } from '../../lib/realtime';
import { onlineApi } from './online-api';

export interface LiveConsultation {
  consultation: OnlineConsultationView | null;
  messages: ChatMessageView[];
  error: unknown;
  sendChat: (text: string) => void;
  shareFile: (fileId: string) => void;
}

const newMessageId = () => crypto.randomUUID();

/**
 * One consultation as it changes: its state (queue position, the doctor taking
 * it, the end) from `consultation` frames, and its transcript from the followed
 * chat, each message once and in order (the realtime client resumes after a drop).
 */
export function useLiveConsultation(
  id: string,
  load: (id: string) => Promise<OnlineConsultationView>,
): LiveConsultation {
  const [consultation, setConsultation] = useState<OnlineConsultationView | null>(null);
  const [messages, setMessages] = useState<ChatMessageView[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    const client = realtime();
    setMessages([]);
    load(id).then(
      (loaded) => active && setConsultation(loaded),
      (caught: unknown) => active && setError(caught),
    );
    const stopFrames = client.on('consultation', (frame) => {
      if (frame.consultation.id === id) setConsultation(frame.consultation);
    });
    const stopFollow = client.follow(id, (message) => {
      setMessages((known) => [...known, message]);
      // The transcript's end marker arrives even when the consultation frame was missed.
      if (message.kind === 'ended') void load(id).then((loaded) => active && setConsultation(loaded));
    });
    return () => {
      active = false;
      stopFrames();
      stopFollow();
    };
  }, [id, load]);

  const sendChat = useCallback(
    (text: string) => realtime().send({ type: 'chat', consultationId: id, clientMessageId: newMessageId(), text }),
    [id],
  );
  const shareFile = useCallback(
    (fileId: string) =>
      realtime().send({ type: 'share_file', consultationId: id, clientMessageId: newMessageId(), fileId }),
    [id],
  );

  return { consultation, messages, error, sendChat, shareFile };
}

/** The patient's side loads through /api/online/consultations/:id. */
export const loadPatientConsultation = onlineApi.get;
