import { bankPersonFrom, bankRefusal, isAdultOn, warsawDate } from './verification-rules';

const claims = {
  sub: 'x',
  given_name: 'Jan',
  family_name: 'Kowalski',
  birthdate: '1944-05-14',
  nin: '44051401359',
  nin_type: 'PERSON',
  nin_issuing_country: 'PL',
};

describe('verification rules', () => {
  it('counts the 18th birthday itself as adult, the day before as not', () => {
    expect(isAdultOn('2008-11-25', '2026-11-25')).toBe(true);
    expect(isAdultOn('2008-11-26', '2026-11-25')).toBe(false);
  });

  it('makes someone born on 29 February an adult on 1 March of a common year', () => {
    expect(isAdultOn('2008-02-29', '2026-02-28')).toBe(false);
    expect(isAdultOn('2008-02-29', '2026-03-01')).toBe(true);
  });

  it('uses the Polish calendar day, not UTC', () => {
    expect(warsawDate(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
  });

  it('reads the bank person and refuses a birth date that contradicts the PESEL', () => {
    expect(bankPersonFrom(claims)).toEqual({
      pesel: '44051401359',
      birthDate: '1944-05-14',
      firstName: 'Jan',
      lastName: 'Kowalski',
    });
    expect(() => bankPersonFrom({ ...claims, birthdate: '1944-05-15' })).toThrow(/birthdate/);
    expect(() => bankPersonFrom({ ...claims, nin_type: 'COMPANY' })).toThrow(/PESEL/);
    expect(() => bankPersonFrom({ ...claims, given_name: undefined })).toThrow(/given_name/);
  });

  it('refuses minors and a PESEL that differs from the account', () => {
    const person = bankPersonFrom(claims);
    expect(bankRefusal(person, null, '2026-11-25')).toBeNull();
    expect(bankRefusal(person, '44051401359', '2026-11-25')).toBeNull();
    expect(bankRefusal(person, '02070803628', '2026-11-25')?.code).toBe('PESEL_MISMATCH');
    expect(bankRefusal({ ...person, birthDate: '2010-01-01' }, null, '2026-11-25')?.code).toBe('UNDERAGE');
  });
});
