import type { OnlineConsultationView } from '@pacjent/contracts';
import { useState } from 'react';
import { ErrorMessage } from '../../components/Alerts';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { onlineApi } from './online-api';

/** While waiting: the live place in the queue, the estimated wait, and a way out. */
export function WaitingRoom({ consultation, onLeft }: { consultation: OnlineConsultationView; onLeft: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const leave = async () => {
    setBusy(true);
    try {
      await onlineApi.leave(consultation.id);
      onLeft();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="online-waiting-title" data-testid="online-waiting">
      <h2 id="online-waiting-title" className="panel__title">
        {t.online.waitingTitle}: {consultation.specialty} · {t.online.forms[consultation.form]}
      </h2>
      <p role="status" aria-live="polite" data-testid="online-position" data-position={consultation.position ?? ''}>
        {consultation.position !== null ? t.online.position(consultation.position) : t.online.starting}
        {consultation.estimatedWaitMinutes !== null
          ? ` · ${t.online.estimatedWait(consultation.estimatedWaitMinutes)}`
          : ''}
      </p>
      <p className="muted">{t.online.waitingHint}</p>
      <ErrorMessage message={error ? describeError(error, t).message : null} />
      <button
        type="button"
        className="button button--ghost"
        disabled={busy}
        data-testid="online-leave"
        onClick={() => void leave()}
      >
        {t.online.leave}
      </button>
    </section>
  );
}
