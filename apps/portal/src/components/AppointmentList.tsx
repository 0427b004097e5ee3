import type { AppointmentView } from '@pacjent/contracts';
import type { ReactNode } from 'react';
import { loadState, type Loaded } from '../lib/use-loader';
import { describeError } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { ErrorMessage } from './Alerts';
import { AppointmentRow } from './AppointmentRow';

interface Props {
  title: string;
  testId: 'upcoming-list' | 'past-list';
  rowTestId: 'appointment-row' | 'past-row';
  loaded: Loaded<AppointmentView[]>;
  empty: ReactNode;
  onCancel?: (appointment: AppointmentView) => Promise<void>;
}

/**
 * A titled list of visits. The section is always there; `data-state` says
 * whether a load is in flight (the last list stays shown meanwhile), so tests and assistive tech can wait for it.
 */
export function AppointmentList({ title, testId, rowTestId, loaded, empty, onCancel }: Props) {
  const { t } = useI18n();
  const headingId = `${testId}-title`;
  const state = loadState(loaded);

  return (
    <section
      className="panel"
      aria-labelledby={headingId}
      aria-busy={loaded.loading}
      data-testid={testId}
      data-state={state}
    >
      <h2 id={headingId} className="panel__title">
        {title}
      </h2>
      {loaded.error ? (
        <ErrorMessage message={describeError(loaded.error, t).message}>
          <button type="button" className="button button--secondary" onClick={loaded.reload}>
            {t.dashboard.reload}
          </button>
        </ErrorMessage>
      ) : null}
      {loaded.data === undefined && state === 'loading' ? <p className="muted">{t.common.loading}</p> : null}
      {loaded.data && loaded.data.length === 0 ? <div className="empty">{empty}</div> : null}
      {loaded.data && loaded.data.length > 0 ? (
        <ul className="appointments">
          {loaded.data.map((appointment) => (
            <AppointmentRow key={appointment.id} appointment={appointment} testId={rowTestId} onCancel={onCancel} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
