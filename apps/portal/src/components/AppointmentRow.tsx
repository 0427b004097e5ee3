import type { AppointmentView } from '@pacjent/contracts';
import { useState } from 'react';
import { appointmentsApi } from '../api/appointments';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router';
import { VisitDetails } from './VisitDetails';

interface Props {
  appointment: AppointmentView;
  testId: 'appointment-row' | 'past-row';
  /** Present for visits that may be cancelled here; resolves when the attempt is over. */
  onCancel?: (appointment: AppointmentView) => Promise<void>;
}

/** One visit: its details, status and, for planned visits, "Odwołaj" with a confirmation step. */
export function AppointmentRow({ appointment, testId, onCancel }: Props) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancellable = appointment.status === 'booked' && appointment.source === 'portal' && onCancel;
  const questionId = `cancel-question-${appointment.id}`;

  const cancel = async () => {
    if (!onCancel) return;
    setBusy(true);
    await onCancel(appointment);
    setBusy(false);
    setConfirming(false);
  };

  return (
    <li
      className="appointment"
      data-testid={testId}
      data-appointment-id={appointment.id}
      data-status={appointment.status}
    >
      <div className="appointment__head">
        <VisitDetails slot={appointment.slot} />
        {appointment.replacedBy ? (
          <span className="status status--moved" data-testid="appointment-moved">
            {t.visit.moved}
          </span>
        ) : (
          <span className={`status status--${appointment.status}`}>{t.visit.status[appointment.status]}</span>
        )}
      </div>
      {appointment.status === 'booked' && appointment.source !== 'portal' && onCancel ? (
        <p className="appointment__note">{t.dashboard.cancelOffline}</p>
      ) : null}
      {cancellable && !confirming ? (
        <div className="appointment__actions">
          <Link
            to={`/book?move=${encodeURIComponent(appointment.id)}&service=${encodeURIComponent(appointment.slot.service.id)}`}
            className="button button--secondary"
            data-testid="appointment-move"
          >
            {t.dashboard.move}
          </Link>
          <button
            type="button"
            className="button button--secondary"
            data-testid="appointment-cancel"
            onClick={() => setConfirming(true)}
          >
            {t.dashboard.cancel}
          </button>
        </div>
      ) : null}
      {appointment.status === 'booked' && onCancel && !confirming ? (
        <div className="appointment__actions">
          <button
            type="button"
            className="button button--ghost"
            data-testid="appointment-calendar"
            onClick={() => void appointmentsApi.downloadCalendar(appointment.id)}
          >
            {t.dashboard.addToCalendar}
          </button>
        </div>
      ) : null}
      {cancellable && confirming ? (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId} className="confirm__question">
            {t.dashboard.cancelQuestion}
          </p>
          <div className="appointment__actions">
            <button
              type="button"
              className="button button--danger"
              data-testid="cancel-confirm"
              disabled={busy}
              autoFocus
              onClick={() => void cancel()}
            >
              {busy ? t.dashboard.cancelling : t.dashboard.cancelConfirm}
            </button>
            <button
              type="button"
              className="button button--ghost"
              data-testid="cancel-keep"
              disabled={busy}
              onClick={() => setConfirming(false)}
            >
              {t.dashboard.cancelKeep}
            </button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
