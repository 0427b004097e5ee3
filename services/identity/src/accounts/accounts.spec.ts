import { toMeView } from './accounts.dto';
import type { AccountEntity } from './account.entity';
import { normaliseEmail } from './email';
import { PasswordHasher } from './password-hasher';

const account = (overrides: Partial<AccountEntity> = {}): AccountEntity =>
  Object.assign(new (class {})() as AccountEntity, {
    id: '7d1f0c1e-9f5e-4c39-8d37-5b7f2a1c0e11',
    email: 'jan@example.com',
    passwordHash: '$argon2id$secret',
    firstName: 'Jan',
    lastName: 'Kowalski',
    phone: null,
    pesel: '44051401359',
    roles: ['patient'],
    level: 'basic',
    verifiedAt: null,
    verificationMethod: null,
    termsAcceptedAt: new Date('2026-11-25T10:00:00Z'),
    createdAt: new Date('2026-11-25T10:00:00Z'),
    ...overrides,
  });

describe('normaliseEmail', () => {
  it('trims and lower-cases, so one address has one form', () => {
    expect(normaliseEmail('  Jan.Kowalski@Example.COM ')).toBe('jan.kowalski@example.com');
  });
});

describe('toMeView', () => {
  it('shows the account without its password hash or PESEL', () => {
    const view = toMeView(account());
    expect(view).toEqual({
      id: '7d1f0c1e-9f5e-4c39-8d37-5b7f2a1c0e11',
      email: 'jan@example.com',
      firstName: 'Jan',
      lastName: 'Kowalski',
      level: 'basic',
      roles: ['patient'],
      verification: null,
      phone: null,
    });
  });

  it('shows how and when the identity was confirmed, once it was', () => {
    const view = toMeView(
      account({ level: 'full', verifiedAt: new Date('2026-11-26T08:30:00Z'), verificationMethod: 'bank' }),
    );
    expect(view.verification).toEqual({ method: 'bank', verifiedAt: '2026-11-26T08:30:00.000Z' });
  });

  it('shows the phone number the clinic calls for phone consultations', () => {
    expect(toMeView(account({ phone: '+48 600 100 200' })).phone).toBe('+48 600 100 200');
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id and a fresh salt, and verifies only the right password', async () => {
    const first = await hasher.hash('Bardzo-tajne-haslo-1');
    const second = await hasher.hash('Bardzo-tajne-haslo-1');
    expect(first).toMatch(/^\$argon2id\$v=19\$/);
    expect(first).not.toBe(second);
    await expect(hasher.verify(first, 'Bardzo-tajne-haslo-1')).resolves.toBe(true);
    await expect(hasher.verify(first, 'bardzo-tajne-haslo-1')).resolves.toBe(false);
  });

  it('answers false for a missing account after doing the same argon2 work', async () => {
    const real = await hasher.hash('Bardzo-tajne-haslo-1');
    await hasher.verify(null, 'warm-up'); // the dummy hash is made once, on first use
    // The fastest of three runs, so a busy machine does not decide the comparison.
    const time = async (fn: () => Promise<unknown>) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = process.hrtime.bigint();
        await fn();
        runs.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return Math.min(...runs);
    };
    const missing = await time(() => hasher.verify(null, 'Bardzo-tajne-haslo-1'));
    const wrong = await time(() => hasher.verify(real, 'inne-haslo-123'));
    await expect(hasher.verify(null, 'Bardzo-tajne-haslo-1')).resolves.toBe(false);
    expect(missing).toBeGreaterThan(wrong / 3);
    expect(missing).toBeLessThan(wrong * 3);
  });
});
