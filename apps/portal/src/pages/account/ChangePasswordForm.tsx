import { useState, type FormEvent } from 'react';
import { ErrorMessage, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { accountApi } from './account-api';
import { NewPasswordFields } from './NewPasswordFields';
import { newPasswordProblems, type NewPasswordProblem } from './new-password';
import { accountTexts } from './texts';

/** "Zmień hasło": the current one, then the new one twice; the other devices are logged out. */
export function ChangePasswordForm() {
  const { t, lang } = useI18n();
  const texts = accountTexts(lang);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problems, setProblems] = useState<{
    current?: boolean;
    password?: NewPasswordProblem;
    repeated?: NewPasswordProblem;
  }>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const described = error ? describeError(error, t, ['currentPassword', 'newPassword']) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const next = { current: !current, ...newPasswordProblems(password, repeated) };
    setProblems(next);
    if (next.current || next.password || next.repeated) return;
    setSaving(true);
    try {
      await accountApi.changePassword(current, password);
      setSaved(true);
      setCurrent('');
      setPassword('');
      setRepeated('');
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="account-password-heading">
      <h3 id="account-password-heading">{texts.passwordHeading}</h3>
      <TextField
        id="account-current-password"
        testId="account-current-password"
        label={texts.currentPassword}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        errors={problems.current ? [texts.required] : described?.fields.currentPassword}
      />
      <NewPasswordFields
        ids={{ password: 'account-new-password', repeated: 'account-repeat-password' }}
        password={password}
        repeated={repeated}
        onPassword={setPassword}
        onRepeated={setRepeated}
        problems={problems}
        serverErrors={described?.fields.newPassword}
      />
      <ErrorMessage message={described?.message} />
      <SuccessRegion>
        {saved ? <SuccessMessage testId="account-password-saved">{texts.passwordSaved}</SuccessMessage> : null}
      </SuccessRegion>
      <button type="submit" className="button button--secondary" data-testid="account-password-save" disabled={saving}>
        {saving ? texts.saving : texts.savePassword}
      </button>
    </form>
  );
}
