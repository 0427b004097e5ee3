import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** A chat message up to `maxLength` characters (2,000, from /api/online/config), with what is left counted down. */
export function ChatComposer({
  onSend,
  disabled,
  maxLength,
}: {
  onSend: (text: string) => void;
  disabled: boolean;
  maxLength: number;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    onSend(trimmed);
    setText('');
  };
  return (
    <form className="form chat-composer" onSubmit={submit} data-testid="online-chat-form">
      <label className="field" htmlFor="online-chat-text">
        {t.online.messageLabel}
      </label>
      <textarea
        id="online-chat-text"
        value={text}
        maxLength={maxLength}
        rows={3}
        disabled={disabled}
        aria-describedby="online-chat-left"
        data-testid="online-chat-text"
        onChange={(event) => setText(event.target.value)}
      />
      <p id="online-chat-left" className="muted" data-testid="online-chat-left">
        {t.online.charsLeft(maxLength - text.length)}
      </p>
      <button type="submit" className="button" disabled={disabled || !text.trim()} data-testid="online-chat-send">
        {t.online.send}
      </button>
    </form>
  );
}
