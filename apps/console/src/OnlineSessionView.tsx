import type { ChatMessageView, OnlineConfigView, OnlineConsultationView } from '@pacjent/contracts';
import { CallView, useRtcCall } from '@pacjent/realtime-client';
import { useEffect, useState, type FormEvent } from 'react';
import { consoleApi } from './api';
import { OutcomeForm } from './OutcomeForm';
import { PatientRecordPanel } from './PatientRecordPanel';
import { realtime } from './realtime';
import { errorText, formatDate, t } from './texts';

/** The doctor's side of one consultation: patient, call, chat, shared files, record, and "Zakończ" with the outcome. */
export function OnlineSessionView({ consultationId, onClose }: { consultationId: string; onClose: () => void }) {
  const [consultation, setConsultation] = useState<OnlineConsultationView | null>(null);
  const [messages, setMessages] = useState<ChatMessageView[]>([]);
  const [config, setConfig] = useState<OnlineConfigView | null>(null);
  const [ending, setEnding] = useState(false);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    const client = realtime();
    const load = () =>
      consoleApi.onlineConsultation(consultationId).then(
        (loaded) => active && setConsultation(loaded),
        (caught: unknown) => active && setError(errorText(caught)),
      );
    void load();
    // /api/online/config is open to patients only so far: without it the doctor's browser calls with
    // host candidates alone (enough on one network; the patient's side still has the TURN servers).
    consoleApi.onlineConfig().then(
      (loaded) => active && setConfig(loaded),
      () => active && setConfig({ iceServers: [], chatMessageMaxLength: 2_000, queueGraceSeconds: 60 }),
    );
    const stopFrames = client.on('consultation', (frame) => {
      if (frame.consultation.id === consultationId) setConsultation(frame.consultation);
    });
    const stopFollow = client.follow(consultationId, (message) => {
      setMessages((known) => [...known, message]);
      if (message.kind === 'file') void load(); // the shared files list
    });
    return () => {
      active = false;
      stopFrames();
      stopFollow();
    };
  }, [consultationId]);

  if (!consultation)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">{t.loading}</p>
    );
  const { patient } = consultation;
  const callForm = consultation.form === 'chat' ? null : consultation.form;

  return (
    <section className="card" data-testid="online-session" data-status={consultation.status}>
      <h1>
        {t.online.session}: <span data-testid="online-session-patient">{patient.name}</span>
        {patient.age != null ? ` (${patient.age} ${t.years})` : ''} · {consultation.specialty}
      </h1>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {callForm && config && !ended && consultation.status === 'active' ? (
        <CallPanel consultationId={consultation.id} video={callForm === 'video'} iceServers={config.iceServers} />
      ) : null}
      <section className="card" aria-labelledby="online-chat-title">
        <h2 id="online-chat-title">{t.online.chat}</h2>
        <div role="log" aria-live="polite" aria-label={t.online.chat}>
          <ol className="list" data-testid="online-transcript">
            {messages.map((message) => (
              <li key={message.seq} data-testid="online-message" data-author={message.author} data-kind={message.kind}>
                <span className="muted">
                  {message.author === 'doctor'
                    ? t.online.you
                    : message.author === 'patient'
                      ? patient.name
                      : t.online.system}{' '}
                  · {formatDate(message.at)}
                </span>{' '}
                {describe(message)}
              </li>
            ))}
          </ol>
        </div>
        {consultation.status === 'active' && !ended ? (
          <Composer consultationId={consultation.id} maxLength={config?.chatMessageMaxLength ?? 2_000} />
        ) : null}
      </section>
      <section className="card" aria-labelledby="online-files-title" data-testid="online-shared-files">
        <h2 id="online-files-title">{t.online.sharedFiles}</h2>
        {consultation.sharedFiles.length === 0 ? <p className="muted">{t.online.noSharedFiles}</p> : null}
        <ul className="list">
          {consultation.sharedFiles.map((file) => (
            <li key={file.fileId} data-testid="online-shared-file">
              {file.name}{' '}
              <button
                type="button"
                className="button button--small button--link"
                data-testid="online-open-file"
                onClick={() =>
                  void consoleApi
                    .openSharedFile(consultation.id, file.fileId)
                    .catch((caught: unknown) => setError(errorText(caught)))
                }
              >
                {t.online.openFile}: {file.name}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <PatientRecordPanel patientId={patient.id} />
      {ended || consultation.status === 'ended' ? (
        <>
          <p data-testid="online-session-ended">{t.online.endedNote}</p>
          <button type="button" className="button" data-testid="online-back-to-queue" onClick={onClose}>
            {t.online.backToQueue}
          </button>
        </>
      ) : ending ? (
        <OutcomeForm
          submitLabel={t.online.endAndSave}
          save={async (outcome) => {
            await consoleApi.endOnline(consultation.id, outcome);
            setEnded(true);
          }}
        />
      ) : (
        <button type="button" className="button" data-testid="online-end" onClick={() => setEnding(true)}>
          {t.online.end}
        </button>
      )}
    </section>
  );
}

function describe(message: ChatMessageView): string {
  switch (message.kind) {
    case 'text':
      return message.text ?? '';
    case 'file':
      return t.online.sharedFile(message.file?.name ?? '');
    case 'call_started':
      return t.online.callStarted;
    case 'call_ended':
      return t.online.callEnded;
    case 'ended':
      return t.online.ended;
  }
}

function Composer({ consultationId, maxLength }: { consultationId: string; maxLength: number }) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    realtime().send({ type: 'chat', consultationId, clientMessageId: crypto.randomUUID(), text: trimmed });
    setText('');
  };
  return (
    <form onSubmit={submit} data-testid="online-chat-form">
      <label className="field">
        {t.online.message}
        <textarea
          value={text}
          maxLength={maxLength}
          data-testid="online-chat-text"
          aria-describedby="online-chat-left"
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <p id="online-chat-left" className="muted">
        {t.online.charsLeft(maxLength - text.length)}
      </p>
      <button type="submit" className="button" disabled={!text.trim()} data-testid="online-chat-send">
        {t.online.send}
      </button>
    </form>
  );
}

/** The doctor's side calls (sends the offer); "Połącz ponownie" offers again. */
function CallPanel({
  consultationId,
  video,
  iceServers,
}: {
  consultationId: string;
  video: boolean;
  iceServers: RTCIceServer[];
}) {
  const [chatOnly, setChatOnly] = useState(false);
  const call = useRtcCall({
    client: realtime(),
    consultationId,
    role: 'offerer',
    video,
    iceServers,
    enabled: !chatOnly,
  });
  if (chatOnly) return null;
  return (
    <CallView call={call} video={video} texts={t.online} className="card" buttonClassName="button button--small">
      {call.state === 'failed' || call.state === 'ended' ? (
        <>
          <button type="button" className="button button--small" data-testid="online-retry-call" onClick={call.retry}>
            {t.online.retryCall}
          </button>
          <button
            type="button"
            className="button button--small button--link"
            data-testid="online-switch-to-chat"
            onClick={() => setChatOnly(true)}
          >
            {t.online.switchToChat}
          </button>
        </>
      ) : null}
    </CallView>
  );
}
