import { useEffect, type ReactNode } from 'react';
import { useAuth } from './auth/AuthProvider';
import { Header } from './components/Header';
import { useI18n } from './i18n/I18nProvider';
import { AccountPage } from './pages/account/AccountPage';
import { ForgotPasswordPage } from './pages/account/ForgotPasswordPage';
import { ResetPasswordPage } from './pages/account/ResetPasswordPage';
import { AlertsPage } from './pages/AlertsPage';
import { BookPage } from './pages/BookPage';
import { DashboardPage } from './pages/DashboardPage';
import { FilesPage } from './pages/files/FilesPage';
import { LoginPage } from './pages/LoginPage';
import { MedicinesPage } from './pages/medicines/MedicinesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OnlinePage } from './pages/online/OnlinePage';
import { RecordPage } from './pages/record/RecordPage';
import { ReferralsPage } from './pages/record/ReferralsPage';
import { RegisterPage } from './pages/RegisterPage';
import { ResultsPage } from './pages/results/ResultsPage';
import { TermsPage } from './pages/terms/TermsPage';
import { AccessHistoryPage } from './pages/verification/AccessHistoryPage';
import { ConfirmIdentityPage } from './pages/verification/ConfirmIdentityPage';
import { ContactRequestPage } from './pages/verification/ContactRequestPage';
import { VerificationResultPage } from './pages/verification/VerificationResultPage';
import { navigate, safeNextPath, useLocation } from './router';

const PUBLIC_PATHS = new Set(['/login', '/register']);
/** Pages for everyone, signed in or not. */
const OPEN_PAGES: Record<string, () => ReactNode> = {
  '/verification/contact': () => <ContactRequestPage />,
  // The bank sends back whichever browser finished the login: one without a portal session
  // (a bank link opened by someone else) is told the outcome too. It shows only the URL's code.
  '/verification/result': () => <VerificationResultPage />,
  '/regulamin': () => <TermsPage />,
  '/password-reset': () => <ForgotPasswordPage />,
  '/password-reset/new': () => <ResetPasswordPage />,
};
const PRIVATE_PAGES: Record<string, () => ReactNode> = {
  '/': () => <DashboardPage />,
  '/book': () => <BookPage />,
  '/verification': () => <ConfirmIdentityPage />,
  '/access-history': () => <AccessHistoryPage />,
  '/files': () => <FilesPage />,
  '/results': () => <ResultsPage />,
  '/medicines': () => <MedicinesPage />,
  '/online': () => <OnlinePage />,
  '/record': () => <RecordPage />,
  '/referrals': () => <ReferralsPage />,
  '/alerts': () => <AlertsPage />,
  '/account': () => <AccountPage />,
};

/** Where the patient should be instead of `location`, or null to stay. */
function redirectFor(signedIn: boolean, location: string): string | null {
  const [path = '/', search = ''] = location.split('?');
  if (signedIn && PUBLIC_PATHS.has(path)) return safeNextPath(new URLSearchParams(search).get('next'));
  if (!signedIn && path in PRIVATE_PAGES) {
    return path === '/' ? '/login' : `/login?next=${encodeURIComponent(location)}`;
  }
  return null;
}

export function App() {
  const { t } = useI18n();
  const { state } = useAuth();
  const location = useLocation();
  const path = location.split('?')[0] ?? '/';
  const redirect = state.status === 'loading' ? null : redirectFor(state.status === 'authenticated', location);

  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  let page: ReactNode;
  if (state.status === 'loading' || redirect) {
    page = (
      <p className="muted page-loading" role="status">
        {t.common.loading}
      </p>
    );
  } else if (path === '/login') {
    page = <LoginPage sessionExpired={state.status === 'anonymous' && state.expired} />;
  } else if (path === '/register') {
    page = <RegisterPage />;
  } else if (OPEN_PAGES[path]) {
    page = OPEN_PAGES[path]();
  } else {
    page = PRIVATE_PAGES[path]?.() ?? <NotFoundPage />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
