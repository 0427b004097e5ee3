import { DomainError, ErrorCode } from '@pacjent/contracts';
import { PASSWORD_MIN_SCORE, PasswordPolicy } from './password-policy';

describe('PasswordPolicy (OWASP ASVS 6.2)', () => {
  const policy = new PasswordPolicy();
  const person = ['jan.kowalski@example.com', 'Jan', 'Kowalski'];

  it.each([
    ['1234567890', /frequently used|heavily used|commonly used/],
    ['password12', /commonly used|frequently used/],
    ['qwertyuiop', /frequently used|keyboard|commonly used/],
    ['Password123', /commonly used/],
    ['          ', /Repeated characters/],
    ['haslo12345', /too easy to guess/],
  ])('refuses %j and says why', (password, why) => {
    const weakness = policy.weakness(password, person);
    expect(weakness).not.toBeNull();
    expect(weakness!.score).toBeLessThan(PASSWORD_MIN_SCORE);
    expect(weakness!.messages[0]).toMatch(/too easy to guess/);
    expect(weakness!.messages.join(' ')).toMatch(why);
  });

  it("refuses a password made of the person's own email or name, which a stranger's would pass", () => {
    const mine = ['Wrzeszczyk', 'Jan', 'jan.wrzeszczyk.1764768000000@example.com'];
    expect(policy.weakness('wrzeszczyk2026', mine)?.messages.join(' ')).toMatch(/too easy/);
    expect(policy.weakness('wrzeszczyk2026', ['Nowak', 'Ewa', 'ewa.nowak@example.com'])).toBeNull();
    expect(
      policy.weakness('jan.wrzeszczyk1', ['Wrzeszczyk', 'Jan', 'jan.wrzeszczyk@example.com'])?.messages.join(' '),
    ).toMatch(/personal/);
  });

  it.each(['Staff#Demo2026', 'Doctor#Demo2026', 'Dobre-haslo-2026', 'Bardzo-tajne-haslo-1', 'correct horse battery'])(
    'accepts %j',
    (password) => {
      expect(policy.weakness(password, person)).toBeNull();
    },
  );

  it('throws PASSWORD_TOO_WEAK with a field error on `password`', () => {
    let thrown: unknown;
    try {
      policy.assertStrong('password12', person);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(ErrorCode.PASSWORD_TOO_WEAK);
    expect((thrown as DomainError).details).toEqual({
      errors: [{ field: 'password', messages: expect.arrayContaining([expect.stringMatching(/too easy/)]) }],
    });
  });
});
