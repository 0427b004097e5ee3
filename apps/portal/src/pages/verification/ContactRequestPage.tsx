import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorMessage, InfoNote, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { peselHint } from '../../lib/pesel';
import { isPhoneNumber } from '../../lib/register-form';
import { verificationTexts } from './texts';
import { verificationApi } from './verification-api';

const FIELDS = ['name', 'email', 'phone', 'pesel', 'message'] as const;

/** The public "confirm my identity" contact form; the request lands in the staff queue. */
export function ContactRequestPage() {
  const { t, lang } = useI18n();
  const texts = verificationTexts(lang);
  const { state } = useAuth();
  const me = state.status === 'authenticated' ? state.me : null;
  const [values, setValues] = useState({
    name: me ? `${me.firstName} ${me.lastName}` : '',
    email: me?.email ?? '',
    phone: '',
    pesel: '',
    message: '',
  });
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const described = error ? describeError(error, t, FIELDS) : null;
  const withoutPesel = values.pesel.trim() === '';

  /** What the form can tell at once: the server checks everything again. */
  const check = () => {
    const found: Partial<Record<(typeof FIELDS)[number], string>> = {};
    if (!values.name.trim()) found.name = texts.required;
    if (!values.email.trim()) found.email = texts.required;
    if (!isPhoneNumber(values.phone)) found.phone = texts.phoneInvalid;
    const pesel = peselHint(values.pesel);
    if (pesel !== 'empty' && pesel !== 'valid') found.pesel = texts.peselInvalid;
    if (!values.message.trim()) found.message = texts.required;
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      await verificationApi.contactRequest({
        name: values.name,
        email: values.email,
        phone: values.phone.trim(),
        message: values.message,
        ...(withoutPesel ? {} : { pesel: values.pesel.trim() }),
      });
      setSent(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSending(false);
    }
  };
  const field = (name: (typeof FIELDS)[number]) => ({
    id: `contact-${name}`,
    testId: `contact-${name}`,
    value: values[name],
    errors: problems[name] ? [problems[name]] : described?.fields[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  return (
    <section className="card card--narrow">
      <PageHeading>{texts.contactTitle}</PageHeading>
      <SuccessRegion>
        {sent ? (
          <SuccessMessage testId="contact-success">
            <p>{texts.sent}</p>
            {withoutPesel ? <p data-testid="contact-success-no-pesel">{texts.sentNoPesel}</p> : null}
          </SuccessMessage>
        ) : null}
      </SuccessRegion>
      {sent ? null : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>{texts.contactIntro}</p>
          <InfoNote>
            <p data-testid="contact-scope">{texts.contactScope}</p>
          </InfoNote>
          <TextField label={texts.name} required autoComplete="name" {...field('name')} />
          <TextField label={texts.email} type="email" required autoComplete="email" {...field('email')} />
          <TextField label={texts.phone} type="tel" required autoComplete="tel" {...field('phone')} />
          <TextField
            label={texts.pesel}
            optionalText={texts.optional}
            inputMode="numeric"
            maxLength={11}
            {...field('pesel')}
          />
          {withoutPesel ? (
            <p className="field__hint" data-testid="contact-no-pesel" aria-live="polite">
              {texts.contactNoPesel}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="contact-message" className="field__label">
              {texts.message}
            </label>
            <textarea
              id="contact-message"
              name="contact-message"
              className="field__control"
              rows={4}
              required
              maxLength={2000}
              data-testid="contact-message"
              aria-invalid={problems.message ? true : undefined}
              aria-describedby={problems.message ? 'contact-message-error' : undefined}
              value={values.message}
              onChange={(e) => setValues((v) => ({ ...v, message: e.target.value }))}
            />
            {problems.message ? (
              <p
                id="contact-message-error"
                className="field__error"
                data-testid="field-error"
                data-field="contact-message"
              >
                {problems.message}
              </p>
            ) : null}
          </div>
          <ErrorMessage message={described?.message} />
          <button type="submit" className="button button--primary" data-testid="contact-submit" disabled={sending}>
            {sending ? texts.sending : texts.send}
          </button>
        </form>
      )}
    </section>
  );
}
