import type { MeView } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi, refresh } from './api';
import { useLang } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { LoginView } from './LoginView';
import { closeRealtime } from './realtime';
import { CONSOLE_BASE, Link, navigate, useLocation, viewOf, viewPath } from './router';
import { t } from './texts';
import { DOCTOR_VIEWS, STAFF_VIEWS, type ConsoleView } from './views';

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
  // Re-renders the whole console when the language changes (i18n.ts).
  const lang = useLang();

  // A reload restores the session from the refresh cookie, for staff and doctors only.
  useEffect(() => {
    void (async () => {
      if (!(await refresh())) return setSession({ status: 'anonymous' });
      const me = await consoleApi.me().catch(() => null);
      setSession(sessionOf(me));
    })();
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appName;
  }, [lang]);

  if (session.status === 'loading') return <p className="muted">{t.loading}</p>;
  // The login keeps the address: after it the console opens where the link (or the reload) pointed.
  if (session.status === 'anonymous') return <LoginView onStaff={(me) => setSession(sessionOf(me))} />;
  const onLogout = () => {
    setSession({ status: 'anonymous' });
    navigate(CONSOLE_BASE, { replace: true });
  };
  return session.status === 'doctor' ? (
    <Workspace title={t.doctorAppName} views={DOCTOR_VIEWS} me={session.me} onLogout={onLogout} />
  ) : (
    <Workspace title={t.appName} views={STAFF_VIEWS} me={session.me} onLogout={onLogout} />
  );
}

/** The header with a tab per view, and the view the address names (the first one at `/console/`). */
function Workspace({
  title,
  views,
  me,
  onLogout,
}: {
  title: string;
  views: readonly ConsoleView[];
  me: MeView;
  onLogout: () => void;
}) {
  const location = useLocation();
  const name = viewOf(location);
  const current = views.find((view) => view.name === name);

  // `/console/` (or a view of the other role) opens the role's first view, without a history entry.
  useEffect(() => {
    if (!current && name === '') navigate(viewPath(views[0]!.name), { replace: true });
  }, [current, name, views]);

  return (
    <>
      <header className="header">
        <strong>{title}</strong>
        <nav className="nav" aria-label={t.navLabel}>
          {views.map((view) => (
            <Link
              key={view.name}
              to={viewPath(view.name)}
              className={view === current ? 'tab tab--active' : 'tab'}
              aria-current={view === current ? 'page' : undefined}
              data-testid={`console-nav-${view.name}`}
            >
              {view.label()}
            </Link>
          ))}
        </nav>
        <span data-testid="console-user">
          {me.firstName} {me.lastName}
        </span>
        <LanguageSwitch />
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
        {current ? (
          current.render()
        ) : name === '' ? null : (
          <section className="card" data-testid="console-not-found">
            <h1>{t.pageNotFound}</h1>
            <Link to={viewPath(views[0]!.name)}>{views[0]!.label()}</Link>
          </section>
        )}
      </main>
    </>
  );
}
