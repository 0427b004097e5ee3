import type { MeView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi, refresh } from './api';
import { DoctorDayView } from './DoctorDayView';
import { DoctorQuestionsView } from './DoctorQuestionsView';
import { LoginView } from './LoginView';
import { OnlineConsultationsView } from './OnlineConsultationsView';
import { PatientsView } from './PatientsView';
import { QueueView } from './QueueView';
import { renewalTexts, RenewalsView } from './RenewalsView';
import { SchedulesView } from './SchedulesView';
import { closeRealtime } from './realtime';
import { t } from './texts';

type Session =
  { status: 'loading' } | { status: 'anonymous' } | { status: 'staff'; me: MeView } | { status: 'doctor'; me: MeView };

/** Staff get the staff console; a doctor (without the staff role) the doctor's workspace. */
const sessionOf = (me: MeView | null): Session =>
  me?.roles.includes('staff')
    ? { status: 'staff', me }
    : me?.roles.includes('doctor')
      ? { status: 'doctor', me }
      : { status: 'anonymous' };

export function App() {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [view, setView] = useState<'patients' | 'queue' | 'schedules'>('patients');

  // A reload restores the session from the refresh cookie, for staff and doctors only.
  useEffect(() => {
    void (async () => {
      if (!(await refresh())) return setSession({ status: 'anonymous' });
      const me = await consoleApi.me().catch(() => null);
      setSession(sessionOf(me));
    })();
  }, []);

  useEffect(() => {
    document.title = t.appName;
  }, []);

  if (session.status === 'loading') return <p className="muted">{t.loading}</p>;
  if (session.status === 'anonymous') return <LoginView onStaff={(me) => setSession(sessionOf(me))} />;
  if (session.status === 'doctor') {
    return <DoctorWorkspace me={session.me} onLogout={() => setSession({ status: 'anonymous' })} />;
  }

  return (
    <>
      <header className="header">
        <strong>{t.appName}</strong>
        <nav className="nav" aria-label={t.appName}>
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
        {view === 'patients' ? <PatientsView /> : view === 'queue' ? <QueueView /> : <SchedulesView />}
      </main>
    </>
  );
}

/** The doctor's workspace: "Mój dzień" (visits and their outcomes), patients' questions and renewal requests. */
function DoctorWorkspace({ me, onLogout }: { me: MeView; onLogout: () => void }) {
  const [view, setView] = useState<'day' | 'questions' | 'renewals' | 'online'>('day');
  return (
    <>
      <header className="header">
        <strong>{t.doctorAppName}</strong>
        <nav className="nav" aria-label={t.doctorAppName}>
          <button
            type="button"
            className={view === 'day' ? 'tab tab--active' : 'tab'}
            aria-current={view === 'day' ? 'page' : undefined}
            data-testid="console-nav-day"
            onClick={() => setView('day')}
          >
            {t.myDay}
          </button>
          <button
            type="button"
            className={view === 'questions' ? 'tab tab--active' : 'tab'}
            aria-current={view === 'questions' ? 'page' : undefined}
            data-testid="console-nav-questions"
            onClick={() => setView('questions')}
          >
            {t.patientQuestions}
          </button>
          <button
            type="button"
            className={view === 'renewals' ? 'tab tab--active' : 'tab'}
            aria-current={view === 'renewals' ? 'page' : undefined}
            data-testid="console-nav-renewals"
            onClick={() => setView('renewals')}
          >
            {renewalTexts.tab}
          </button>
          <button
            type="button"
            className={view === 'online' ? 'tab tab--active' : 'tab'}
            aria-current={view === 'online' ? 'page' : undefined}
            data-testid="console-nav-online"
            onClick={() => setView('online')}
          >
            {t.online.tab}
          </button>
        </nav>
        <span data-testid="console-user">
          {me.firstName} {me.lastName}
        </span>
        <button
          type="button"
          className="button button--link"
          data-testid="console-logout"
          onClick={() => {
            closeRealtime();
            void consoleApi.logout().finally(onLogout);
          }}
        >
          {t.logout}
        </button>
      </header>
      <main className="main">
        {view === 'day' ? (
          <DoctorDayView />
        ) : view === 'questions' ? (
          <DoctorQuestionsView />
        ) : view === 'online' ? (
          <OnlineConsultationsView />
        ) : (
          <RenewalsView />
        )}
      </main>
    </>
  );
}
