import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { useAuth } from '../auth/AuthProvider';
import { ErrorMessage } from '../components/Alerts';
import { CheckboxField, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { describeError } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { peselHint } from '../lib/pesel';
import {
  emptyRegisterForm,
  toRegisterInput,
  validateRegisterForm,
  type RegisterErrors,
  type RegisterForm,
} from '../lib/register-form';
import { Link, navigate } from '../router';

const FIELDS = ['email', 'password', 'firstName', 'lastName', 'phone', 'pesel', 'acceptTerms'] as const;

export function RegisterPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const [form, setForm] = useState<RegisterForm>(emptyRegisterForm);
  const [problems, setProblems] = useState<RegisterErrors>({});
  // The form-wide "Popraw zaznaczone pola" waits for a submit: shown on a field's blur it pushed the form down
  // under the pointer (the click on the terms box missed).
  const [triedToSubmit, setTriedToSubmit] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const set = <K extends keyof RegisterForm>(field: K, value: RegisterForm[K]) => {
    setForm((previous) => ({ ...previous, [field]: value }));
    setProblems((previous) => ({ ...previous, [field]: undefined }));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateRegisterForm(form);
    setProblems(found);
    setTriedToSubmit(true);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    const input = toRegisterInput(form);
    try {
      await api.register(input);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
      return;
    }
    try {
      await login(input.email, input.password);
    } catch {
      // The account exists; let the patient log in by hand.
      navigate('/login');
    }
  };

  const described = error ? describeError(error, t, FIELDS) : null;
  const errorsOf = (field: (typeof FIELDS)[number]) => {
    const problem = problems[field];
    return problem ? [t.validation[problem]] : described?.fields[field];
  };
  const hasProblems = Object.values(problems).some(Boolean);

  const pesel = peselHint(form.pesel);
  const peselNote =
    pesel === 'valid'
      ? t.register.peselValid
      : pesel === 'incomplete'
        ? t.register.peselIncomplete
        : pesel === 'empty'
          ? t.register.peselHint
          : // Said while typing, so the same words as an error on blur take no more room.
            t.validation.pesel;

  return (
    <section className="card card--narrow">
      <PageHeading>{t.register.title}</PageHeading>
      <p className="lead">{t.register.intro}</p>
      <ErrorMessage message={described?.message ?? (hasProblems && triedToSubmit ? t.validation.fixFields : null)} />
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="register-email"
          testId="register-email"
          label={t.register.email}
          type="email"
          inputMode="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={(event) => set('email', event.target.value)}
          errors={errorsOf('email')}
        />
        <TextField
          id="register-password"
          testId="register-password"
          label={t.register.password}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={t.register.passwordHint}
          value={form.password}
          onChange={(event) => set('password', event.target.value)}
          errors={errorsOf('password')}
        />
        <div className="form__row">
          <TextField
            id="register-first-name"
            testId="register-first-name"
            label={t.register.firstName}
            autoComplete="given-name"
            required
            value={form.firstName}
            onChange={(event) => set('firstName', event.target.value)}
            errors={errorsOf('firstName')}
          />
          <TextField
            id="register-last-name"
            testId="register-last-name"
            label={t.register.lastName}
            autoComplete="family-name"
            required
            value={form.lastName}
            onChange={(event) => set('lastName', event.target.value)}
            errors={errorsOf('lastName')}
          />
        </div>
        <TextField
          id="register-phone"
          testId="register-phone"
          label={t.register.phone}
          optionalText={t.common.optional}
          type="tel"
          autoComplete="tel"
          hint={t.register.phoneHint}
          value={form.phone}
          onChange={(event) => set('phone', event.target.value)}
          errors={errorsOf('phone')}
        />
        <TextField
          id="register-pesel"
          testId="register-pesel"
          label={t.register.pesel}
          optionalText={t.common.optional}
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
          // The error takes the hint's place, so a check on blur does not move what is below.
          hint={
            problems.pesel ? undefined : <span className={pesel === 'valid' ? 'hint--ok' : undefined}>{peselNote}</span>
          }
          value={form.pesel}
          onChange={(event) => set('pesel', event.target.value.replace(/\s/g, ''))}
          onBlur={() => {
            if (pesel === 'invalid' || pesel === 'not-digits' || pesel === 'incomplete') {
              setProblems((previous) => ({ ...previous, pesel: 'pesel' }));
            }
          }}
          errors={errorsOf('pesel')}
        />
        <CheckboxField
          id="register-terms"
          testId="register-terms"
          label={
            <>
              {t.register.termsBefore}
              <a href="/regulamin" target="_blank" rel="noopener" data-testid="register-terms-link">
                {t.register.termsLink}
              </a>
              {t.register.termsAfter}
            </>
          }
          required
          checked={form.acceptTerms}
          onChange={(event) => set('acceptTerms', event.target.checked)}
          errors={errorsOf('acceptTerms')}
        />
        <button
          type="submit"
          className="button button--primary button--block"
          data-testid="register-submit"
          disabled={submitting}
        >
          {submitting ? t.register.submitting : t.register.submit}
        </button>
      </form>
      <p className="card__footer">
        {t.register.haveAccount} <Link to="/login">{t.register.loginLink}</Link>
      </p>
    </section>
  );
}
