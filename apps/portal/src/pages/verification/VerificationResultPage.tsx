import { useAuth } from '../../auth/AuthProvider';
import { LevelBadge } from '../../components/LevelBadge';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, useLocation } from '../../router';
import { explainCode, verificationTexts } from './texts';

/** Where the bank callback sends the browser: `?status=confirmed|failed&code=…`, explained in plain words. */
export function VerificationResultPage() {
  const { lang } = useI18n();
  const texts = verificationTexts(lang);
  const { state } = useAuth();
  const params = new URLSearchParams(useLocation().split('?')[1] ?? '');
  const confirmed = params.get('status') === 'confirmed';
  const code = params.get('code');

  return (
    <section className="card card--narrow">
      <PageHeading>{texts.resultTitle}</PageHeading>
      {state.status === 'authenticated' ? <LevelBadge level={state.me.level} /> : null}
      <div
        className={confirmed ? 'alert alert--success' : 'alert alert--error'}
        role={confirmed ? 'status' : 'alert'}
        data-testid="verification-result"
        data-status={confirmed ? 'confirmed' : 'failed'}
        data-code={code ?? ''}
      >
        <p>{confirmed ? texts.confirmed : texts.failed}</p>
        {confirmed ? null : <p data-testid="verification-result-reason">{explainCode(texts, code)}</p>}
      </div>
      <p>
        {confirmed ? null : (
          <>
            <Link to="/verification" data-testid="verification-try-again">
              {texts.tryAgain}
            </Link>
            {' · '}
          </>
        )}
        <Link to="/">{texts.toDashboard}</Link>
      </p>
    </section>
  );
}
