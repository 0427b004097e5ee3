import type { MeView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi, refresh } from './api';
import { LoginView } from './LoginView';
import { PatientsView } from './PatientsView';
import { QueueView } from './QueueView';
import { renewalTexts, RenewalsView } from './RenewalsView';
import { SchedulesView } from './SchedulesView';
import { t } from './texts';

type Session = { status: 'loading' } | { status: 'anonymous' } | { status: 'staff'; me: MeView };

export function App() {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [view, setView] = useState<'patients' | 'queue' | 'schedules' | 'renewals'>('patients');

  // A reload restores the session from the refresh cookie, for staff and doctors only.
  useEffect(() => {
    void (async () => {
      if (!(await refresh())) return setSession({ status: 'anonymous' });
      const me = await consoleApi.me().catch(() => null);
      const allowed = me?.roles.includes('staff') || me?.roles.includes('doctor');
      setSession(me && allowed ? { status: 'staff', me } : { status: 'anonymous' });
    })();
  }, []);

  useEffect(() => {
    document.title = t.appName;
  }, []);

  if (session.status === 'loading') return <p className="muted">{t.loading}</p>;
  if (session.status === 'anonymous') return <LoginView onStaff={(me) => setSession({ status: 'staff', me })} />;
  // A doctor (without the staff role) sees the doctor's work only: the renewal queue.
  const staff = session.me.roles.includes('staff');
  const doctor = session.me.roles.includes('doctor');
  const shown = staff ? view : 'renewals';

  return (
    <>
      <header className="header">
        <strong>{t.appName}</strong>
        <nav className="nav" aria-label={t.appName}>
          {staff ? (
            <>
              <button
                type="button"
                className={view === 'patients' ? 'tab tab--active' : 'tab'}
                aria-current={view === 'patients' ? 'page' : undefined}
                data-testid="console-nav-patients"
                onClick={() => setView('patients')}
              >
                {t.patients}
              </button>
              <button
                type="button"
                className={view === 'queue' ? 'tab tab--active' : 'tab'}
                aria-current={view === 'queue' ? 'page' : undefined}
                data-testid="console-nav-queue"
                onClick={() => setView('queue')}
              >
                {t.queue}
              </button>
              <button
                type="button"
                className={view === 'schedules' ? 'tab tab--active' : 'tab'}
                aria-current={view === 'schedules' ? 'page' : undefined}
                data-testid="console-nav-schedules"
                onClick={() => setView('schedules')}
              >
                {t.schedules}
              </button>
            </>
          ) : null}
          {doctor ? (
            <button
              type="button"
              className={shown === 'renewals' ? 'tab tab--active' : 'tab'}
              aria-current={shown === 'renewals' ? 'page' : undefined}
              data-testid="console-nav-renewals"
              onClick={() => setView('renewals')}
            >
              {renewalTexts.tab}
            </button>
          ) : null}
        </nav>
        <span data-testid="console-user">
          {session.me.firstName} {session.me.lastName}
        </span>
        <button
          type="button"
          className="button button--link"
          data-testid="console-logout"
          onClick={() => void consoleApi.logout().finally(() => setSession({ status: 'anonymous' }))}
        >
          {t.logout}
        </button>
      </header>
      <main className="main">
        {shown === 'patients' ? (
          <PatientsView />
        ) : shown === 'queue' ? (
          <QueueView />
        ) : shown === 'schedules' ? (
          <SchedulesView />
        ) : (
          <RenewalsView />
        )}
      </main>
    </>
  );
}
