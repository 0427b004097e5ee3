import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { ErrorMessage, InfoNote } from '../components/Alerts';
import { TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { describeError } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../router';
import { accountTexts } from './account/texts';

export function LoginPage({ sessionExpired }: { sessionExpired: boolean }) {
  const { t, lang } = useI18n();
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const nextMissing = { email: !email.trim(), password: !password };
    setMissing(nextMissing);
    setError(null);
    if (nextMissing.email || nextMissing.password) return;
    setSubmitting(true);
    try {
      await login(email.trim(), password);
      // The auth state change takes the patient on (App routes signed-in users away from here).
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  const described = error ? describeError(error, t, ['email', 'password']) : null;
  const fieldErrors = (field: 'email' | 'password') =>
    missing[field] ? [t.validation.required] : described?.fields[field];
  const clientMessage = missing.email || missing.password ? t.validation.fixFields : null;

  return (
    <section className="card card--narrow">
      <PageHeading>{t.login.title}</PageHeading>
      {sessionExpired && !error ? <InfoNote>{t.login.sessionExpired}</InfoNote> : null}
      <ErrorMessage message={described?.message ?? clientMessage} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="login-email"
          testId="login-email"
          label={t.login.email}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={fieldErrors('email')}
        />
        <TextField
          id="login-password"
          testId="login-password"
          label={t.login.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={fieldErrors('password')}
        />
        <button
          type="submit"
          className="button button--primary button--block"
          data-testid="login-submit"
          disabled={submitting}
        >
          {submitting ? t.login.submitting : t.login.submit}
        </button>
      </form>
      <p>
        <Link to="/password-reset" data-testid="login-forgot">
          {accountTexts(lang).forgotLink}
        </Link>
      </p>
      <p className="card__footer">
        {t.login.noAccount} <Link to="/register">{t.login.registerLink}</Link>
      </p>
    </section>
  );
}
