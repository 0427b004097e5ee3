import type { ChatMessageView } from '@pacjent/contracts';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

/** The consultation's messages and events, as the patient reads them (live in the session, later in the history). */
export function Transcript({
  messages,
  doctorName,
  live = false,
}: {
  messages: ChatMessageView[];
  doctorName: string;
  live?: boolean;
}) {
  const { t, lang } = useI18n();
  const author = (message: ChatMessageView) =>
    message.author === 'patient' ? t.online.you : message.author === 'doctor' ? doctorName : t.online.system;
  const body = (message: ChatMessageView): string => {
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
        return t.online.consultationEnded;
    }
  };
  const list = (
    <ol className="transcript" data-testid="online-transcript">
      {messages.map((message) => (
        <li
          key={message.seq}
          className={`transcript__entry transcript__entry--${message.author}`}
          data-testid="online-message"
          data-author={message.author}
          data-kind={message.kind}
          data-seq={message.seq}
        >
          <span className="transcript__meta">
            {author(message)} · <time dateTime={message.at}>{formatDateTime(message.at, lang)}</time>
          </span>
          <span className="transcript__text">{body(message)}</span>
        </li>
      ))}
    </ol>
  );
  // Live, new messages are announced (a log region around the list); in the history it is a plain list.
  return live ? (
    <div role="log" aria-live="polite" aria-label={t.online.chat}>
      {list}
    </div>
  ) : (
    list
  );
}
