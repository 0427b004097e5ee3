import type { AppointmentView } from '@pacjent/contracts';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { useMe } from '../auth/AuthProvider';
import { AccountPanel } from '../components/AccountPanel';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../components/Alerts';
import { AppointmentList } from '../components/AppointmentList';
import { PageHeading } from '../components/PageHeading';
import { describeError } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { sortVisits } from '../lib/slots';
import { useLoader } from '../lib/use-loader';
import { Link, useLocation } from '../router';

/** "Leczenie": planned visits (cancellable) and the history. */
export function DashboardPage() {
  const { t } = useI18n();
  const me = useMe();
  const upcoming = useLoader(() => api.appointments('upcoming').then((list) => sortVisits(list, 'upcoming')), []);
  const past = useLoader(() => api.appointments('past').then((list) => sortVisits(list, 'past')), []);
  const moved = useLocation().includes('moved=1');
  const [cancelled, setCancelled] = useState(false);
  const [cancelError, setCancelError] = useState<unknown>(null);

  const cancel = async (appointment: AppointmentView) => {
    setCancelled(false);
    setCancelError(null);
    try {
      await api.cancel(appointment.id);
      setCancelled(true);
    } catch (error) {
      setCancelError(error);
    }
    // Either way the list may have changed (cancelled now, or already not cancellable).
    upcoming.reload();
    past.reload();
  };

  return (
    <div className="page">
      <div className="page__head">
        <PageHeading>{t.dashboard.title}</PageHeading>
        <Link to="/book" className="button button--primary">
          {t.dashboard.bookCta}
        </Link>
      </div>
      <AccountPanel me={me} />
      <SuccessRegion>
        {cancelled ? <SuccessMessage testId="cancel-success">{t.dashboard.cancelled}</SuccessMessage> : null}
        {moved && !cancelled ? <SuccessMessage testId="move-success">{t.dashboard.moved}</SuccessMessage> : null}
      </SuccessRegion>
      <ErrorMessage message={cancelError ? describeError(cancelError, t).message : null} />
      <div className="page__columns">
        <AppointmentList
          title={t.dashboard.upcoming}
          testId="upcoming-list"
          rowTestId="appointment-row"
          loaded={upcoming}
          onCancel={cancel}
          empty={
            <>
              <p>{t.dashboard.noUpcoming}</p>
              <Link to="/book">{t.dashboard.bookCta}</Link>
            </>
          }
        />
        <AppointmentList
          title={t.dashboard.past}
          testId="past-list"
          rowTestId="past-row"
          loaded={past}
          empty={<p>{t.dashboard.noPast}</p>}
        />
      </div>
    </div>
  );
}
