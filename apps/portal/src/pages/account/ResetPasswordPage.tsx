import { useState, type FormEvent } from 'react';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { accountApi } from './account-api';
import { NewPasswordFields } from './NewPasswordFields';
import { newPasswordProblems, type NewPasswordProblem } from './new-password';
import { accountTexts } from './texts';

/** The e-mailed link's token travels in the fragment (`#token=…`), which browsers send to no server. */
function tokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/** "Ustaw nowe hasło" from the e-mailed link; afterwards every session of the account has ended. */
export function ResetPasswordPage() {
  const { t, lang } = useI18n();
  const texts = accountTexts(lang);
  const [token] = useState(tokenFromFragment);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problems, setProblems] = useState<{ password?: NewPasswordProblem; repeated?: NewPasswordProblem }>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const described = error ? describeError(error, t, ['password']) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    setError(null);
    const next = newPasswordProblems(password, repeated);
    setProblems(next);
    if (next.password || next.repeated) return;
    setSaving(true);
    try {
      await accountApi.completeReset(token, password);
      setDone(true);
      // The token is spent: keep it out of the history.
      window.history.replaceState(null, '', window.location.pathname);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card card--narrow" data-testid="reset-password-page">
      <PageHeading>{texts.resetTitle}</PageHeading>
      <SuccessRegion>
        {done ? (
          <SuccessMessage testId="reset-done">
            <p>{texts.resetDone}</p>
            <p>
              <Link to="/login" data-testid="reset-to-login">
                {texts.toLogin}
              </Link>
            </p>
          </SuccessMessage>
        ) : null}
      </SuccessRegion>
      {!token && !done ? (
        <ErrorMessage message={texts.noToken}>
          <p>
            <Link to="/password-reset">{texts.askAgain}</Link>
          </p>
        </ErrorMessage>
      ) : null}
      {token && !done ? (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <p>{texts.resetIntro}</p>
          <NewPasswordFields
            ids={{ password: 'reset-password', repeated: 'reset-repeat' }}
            password={password}
            repeated={repeated}
            onPassword={setPassword}
            onRepeated={setRepeated}
            problems={problems}
            serverErrors={described?.fields.password}
          />
          <ErrorMessage message={described?.message}>
            {error ? (
              <p>
                <Link to="/password-reset">{texts.askAgain}</Link>
              </p>
            ) : null}
          </ErrorMessage>
          <button
            type="submit"
            className="button button--primary button--block"
            data-testid="reset-submit"
            disabled={saving}
          >
            {saving ? texts.saving : texts.setPassword}
          </button>
        </form>
      ) : null}
    </section>
  );
}
