import { useAuth } from '../../auth/AuthProvider';
import { LevelBadge } from '../../components/LevelBadge';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';
import { Link, useLocation } from '../../router';
import { formatLongDate } from '../account/format';
import { explainCode, verificationTexts } from './texts';
import { verificationApi } from './verification-api';

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
      {confirmed && state.status === 'authenticated' ? <ConfirmedAs /> : null}
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

/** What the bank returned, and what it changed on the account (ADR 0015): never a silent rename. */
function ConfirmedAs() {
  const { lang } = useI18n();
  const texts = verificationTexts(lang);
  const status = useLoader(() => verificationApi.status(), []);
  const person = status.data?.confirmedAs;
  if (!person) return null;
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <div className="alert alert--info" data-testid="verification-confirmed-as">
      <p data-testid="verification-bank-returned">
        {texts.bankReturned(name, person.birthDate ? formatLongDate(person.birthDate, lang) : '—')}
      </p>
      {person.registeredName ? (
        <p data-testid="verification-name-changed">
          {texts.nameChanged(`${person.registeredName.firstName} ${person.registeredName.lastName}`, name)}
        </p>
      ) : null}
    </div>
  );
}
