import { useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
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
  const described = error ? describeError(error, t, FIELDS) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await verificationApi.contactRequest({
        name: values.name,
        email: values.email,
        phone: values.phone,
        message: values.message,
        ...(values.pesel ? { pesel: values.pesel } : {}),
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
    errors: described?.fields[name],
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  return (
    <section className="card card--narrow">
      <PageHeading>{texts.contactTitle}</PageHeading>
      <SuccessRegion>
        {sent ? <SuccessMessage testId="contact-success">{texts.sent}</SuccessMessage> : null}
      </SuccessRegion>
      {sent ? null : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>{texts.contactIntro}</p>
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
              value={values.message}
              onChange={(e) => setValues((v) => ({ ...v, message: e.target.value }))}
            />
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
