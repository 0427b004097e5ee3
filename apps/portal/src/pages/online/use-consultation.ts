import type { ChatMessageView, OnlineConsultationView } from '@pacjent/contracts';
import { PushedOrAsked } from '@pacjent/web';
import { useCallback, useEffect, useRef, useState } from 'react';
import { realtime } from '../../lib/realtime';
import { onlineApi } from './online-api';

export interface LiveConsultation {
  consultation: OnlineConsultationView | null;
  messages: ChatMessageView[];
  error: unknown;
  /** The gateway refused something this page sent (a message, a file): its code. */
  refused: string | null;
  sendChat: (text: string) => void;
  shareFile: (fileId: string) => void;
}

const newMessageId = () => crypto.randomUUID();

/** How often a waiting consultation is asked for again, besides the pushes. */
const WAITING_REFRESH_MS = 10_000;

/**
 * One consultation as it changes: its state (queue position, the doctor taking
 * it, the end) from `consultation` frames, and its transcript from the followed
 * chat, each message once and in order (the realtime client resumes after a drop).
 * The gateway gets those frames over core NATS, where a lost one is not resent:
 * while waiting, the consultation is also asked for again every WAITING_REFRESH_MS.
 */
export function useLiveConsultation(
  id: string,
  load: (id: string) => Promise<OnlineConsultationView>,
): LiveConsultation {
  const [consultation, setConsultation] = useState<OnlineConsultationView | null>(null);
  const [messages, setMessages] = useState<ChatMessageView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const sent = useRef(new Set<string>());
  const live = useRef<PushedOrAsked<OnlineConsultationView> | null>(null);

  useEffect(() => {
    let active = true;
    const client = realtime();
    setMessages([]);
    const state = new PushedOrAsked<OnlineConsultationView>((loaded) => active && setConsultation(loaded));
    live.current = state;
    state.ask(() => load(id)).catch((caught: unknown) => active && setError(caught));
    const stopFrames = client.on('consultation', (frame) => {
      if (frame.consultation.id === id) state.pushed(frame.consultation);
    });
    const stopErrors = client.on('error', (frame) => {
      if (frame.clientMessageId && sent.current.has(frame.clientMessageId)) setRefused(frame.code);
    });
    const stopFollow = client.follow(id, (message) => {
      setMessages((known) => [...known, message]);
      // The transcript's end marker arrives even when the consultation frame was missed.
      // A failed reload: the marker is in the transcript already; the next visit of the page shows the rest.
      if (message.kind === 'ended') state.ask(() => load(id)).catch(() => undefined);
    });
    return () => {
      active = false;
      stopFrames();
      stopErrors();
      stopFollow();
    };
  }, [id, load]);

  const waiting = consultation?.status === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const refresh = setInterval(
      // A failed refresh says nothing: the pushes and the next refresh go on.
      () => void live.current?.ask(() => load(id)).catch(() => undefined),
      WAITING_REFRESH_MS,
    );
    return () => clearInterval(refresh);
  }, [waiting, id, load]);

  const track = () => {
    const clientMessageId = newMessageId();
    sent.current.add(clientMessageId);
    setRefused(null);
    return clientMessageId;
  };
  const sendChat = useCallback(
    (text: string) => realtime().send({ type: 'chat', consultationId: id, clientMessageId: track(), text }),
    [id],
  );
  const shareFile = useCallback(
    (fileId: string) => realtime().send({ type: 'share_file', consultationId: id, clientMessageId: track(), fileId }),
    [id],
  );

  return { consultation, messages, error, refused, sendChat, shareFile };
}

/** The patient's side loads through /api/online/consultations/:id. */
export const loadPatientConsultation = onlineApi.get;
