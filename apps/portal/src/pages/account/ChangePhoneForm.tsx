import { useState, type FormEvent } from 'react';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { isPhoneNumber } from '../../lib/register-form';
import { accountApi } from './account-api';
import { accountTexts } from './texts';

/** The number the clinic calls, checked as the register form checks it. */
export function ChangePhoneForm({ current }: { current: string | null }) {
  const { t, lang } = useI18n();
  const texts = accountTexts(lang);
  const [phone, setPhone] = useState(current ?? '');
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const described = error ? describeError(error, t, ['phone']) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const bad = !isPhoneNumber(phone);
    setInvalid(bad);
    if (bad) return;
    setSaving(true);
    try {
      const account = await accountApi.changePhone(phone.trim());
      setPhone(account.phone ?? '');
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="account-phone-heading">
      <h3 id="account-phone-heading">{texts.phoneHeading}</h3>
      <TextField
        id="account-phone-input"
        testId="account-phone-input"
        label={texts.phone}
        hint={texts.phoneHint}
        type="tel"
        autoComplete="tel"
        required
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        errors={invalid ? [texts.phoneInvalid] : described?.fields.phone}
      />
      <ErrorMessage message={described?.message} />
      <SuccessRegion>
        {saved ? <SuccessMessage testId="account-phone-saved">{texts.phoneSaved}</SuccessMessage> : null}
      </SuccessRegion>
      <button type="submit" className="button button--secondary" data-testid="account-phone-save" disabled={saving}>
        {saving ? texts.saving : texts.savePhone}
      </button>
    </form>
  );
}
