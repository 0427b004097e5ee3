import { useState, type FormEvent } from 'react';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { Link } from '../../router';
import { accountApi } from './account-api';
import { accountTexts } from './texts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "Nie pamiętasz hasła?": asks for a link by e-mail; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t, lang } = useI18n();
  const texts = accountTexts(lang);
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const bad = !EMAIL.test(email.trim());
    setInvalid(bad);
    if (bad) return;
    setSending(true);
    try {
      await accountApi.requestReset(email.trim());
      setSent(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card card--narrow" data-testid="forgot-password-page">
      <PageHeading>{texts.forgotTitle}</PageHeading>
      <SuccessRegion>
        {sent ? <SuccessMessage testId="forgot-sent">{texts.linkSent}</SuccessMessage> : null}
      </SuccessRegion>
      {sent ? null : (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <p>{texts.forgotIntro}</p>
          <TextField
            id="forgot-email"
            testId="forgot-email"
            label={texts.email}
            type="email"
            inputMode="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={invalid ? [texts.emailInvalid] : undefined}
          />
          <ErrorMessage message={error ? describeError(error, t).message : null} />
          <button
            type="submit"
            className="button button--primary button--block"
            data-testid="forgot-submit"
            disabled={sending}
          >
            {sending ? texts.sending : texts.sendLink}
          </button>
        </form>
      )}
      <p className="card__footer">
        <Link to="/login">{texts.toLogin}</Link>
      </p>
    </section>
  );
}
