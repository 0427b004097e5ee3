import { TextField } from '../../components/Fields';
import { useI18n } from '../../i18n/I18nProvider';
import type { NewPasswordProblem } from './new-password';
import { accountTexts } from './texts';

/** The new password and its repetition, with the form's own problems or the server's field errors. */
export function NewPasswordFields({
  ids,
  password,
  repeated,
  onPassword,
  onRepeated,
  problems,
  serverErrors,
}: {
  ids: { password: string; repeated: string };
  password: string;
  repeated: string;
  onPassword: (value: string) => void;
  onRepeated: (value: string) => void;
  problems: { password?: NewPasswordProblem; repeated?: NewPasswordProblem };
  serverErrors?: string[];
}) {
  const { lang } = useI18n();
  const texts = accountTexts(lang);
  const say = (problem: NewPasswordProblem | undefined) =>
    problem
      ? [problem === 'mismatch' ? texts.mismatch : problem === 'tooShort' ? texts.tooShort : texts.required]
      : undefined;
  return (
    <>
      <TextField
        id={ids.password}
        testId={ids.password}
        label={texts.newPassword}
        hint={texts.passwordHint}
        type="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        errors={say(problems.password) ?? serverErrors}
      />
      <TextField
        id={ids.repeated}
        testId={ids.repeated}
        label={texts.repeatPassword}
        type="password"
        autoComplete="new-password"
        required
        value={repeated}
        onChange={(e) => onRepeated(e.target.value)}
        errors={say(problems.repeated)}
      />
    </>
  );
}
