import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { resultsTexts } from '../pages/results/texts';
import { medicinesTexts } from '../pages/medicines/texts';
import { recordTexts } from '../pages/record/texts';
import { verificationTexts } from '../pages/verification/texts';
import { accountTexts } from '../pages/account/texts';
import { Link, navigate, useLocation } from '../router';
import { LangSwitch } from './LangSwitch';
import { NotificationBell } from './notifications/NotificationBell';

function NavLink({ to, testId, label }: { to: string; testId: string; label: string }) {
  const path = useLocation().split('?')[0];
  const current = path === to;
  return (
    <Link to={to} className="nav__link" data-testid={testId} aria-current={current ? 'page' : undefined}>
      {label}
    </Link>
  );
}

export function Header() {
  const { t, lang } = useI18n();
  const { state, logout } = useAuth();
  const [loggingOut, setLoggingOut] = useState(false);

  const onLogout = async () => {
    setLoggingOut(true);
    await logout();
    setLoggingOut(false);
    // From any page (a 404 too): the start, which for a signed-out visitor is the login.
    navigate('/login', { replace: true });
  };

  return (
    <header className="header">
      <div className="header__bar">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            +
          </span>
          <span className="brand__name">{t.appName}</span>
        </Link>
        <div className="header__tools">
          {state.status === 'authenticated' ? (
            <>
              <span className="header__user" data-testid="user-name">
                <span className="visually-hidden">{t.nav.loggedInAs} </span>
                {state.me.firstName} {state.me.lastName}
              </span>
              <NotificationBell />
              <LangSwitch />
              <button
                type="button"
                className="button button--ghost"
                data-testid="nav-logout"
                disabled={loggingOut}
                onClick={() => void onLogout()}
              >
                {loggingOut ? t.nav.loggingOut : t.nav.logout}
              </button>
            </>
          ) : (
            <LangSwitch />
          )}
        </div>
      </div>
      {state.status === 'authenticated' ? (
        <nav className="nav" aria-label={t.nav.label}>
          <NavLink to="/" testId="nav-dashboard" label={t.nav.dashboard} />
          <NavLink to="/book" testId="nav-book" label={t.nav.book} />
          <NavLink to="/online" testId="nav-online" label={t.online.title} />
          <NavLink to="/record" testId="nav-record" label={recordTexts(lang).historyTitle} />
          <NavLink to="/referrals" testId="nav-referrals" label={recordTexts(lang).referralsTitle} />
          <NavLink to="/files" testId="nav-files" label={t.nav.files} />
          <NavLink to="/results" testId="nav-results" label={resultsTexts(lang).title} />
          <NavLink to="/medicines" testId="nav-medicines" label={medicinesTexts(lang).title} />
          <NavLink to="/alerts" testId="nav-alerts" label={t.alerts.title} />
          {state.me.level === 'basic' ? (
            <NavLink to="/verification" testId="nav-verification" label={verificationTexts(lang).confirmTitle} />
          ) : null}
          <NavLink to="/access-history" testId="nav-access-history" label={verificationTexts(lang).historyTitle} />
          <NavLink to="/account" testId="nav-account" label={accountTexts(lang).title} />
        </nav>
      ) : null}
    </header>
  );
}
