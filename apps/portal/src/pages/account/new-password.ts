import { PASSWORD_MIN_LENGTH } from '../../lib/register-form';

export type NewPasswordProblem = 'required' | 'tooShort' | 'mismatch';

/** What the form can tell before the server checks the password's strength. */
export function newPasswordProblems(
  password: string,
  repeated: string,
): {
  password?: NewPasswordProblem;
  repeated?: NewPasswordProblem;
} {
  if (!password) return { password: 'required' };
  if (password.length < PASSWORD_MIN_LENGTH) return { password: 'tooShort' };
  if (password !== repeated) return { repeated: 'mismatch' };
  return {};
}
