import { isValidPesel, peselBirthDate } from './pesel';

describe('PESEL', () => {
  it('accepts a number with a correct checksum', () => {
    expect(isValidPesel('44051401359')).toBe(true);
    expect(isValidPesel('02270803624')).toBe(true);
  });

  it('rejects a wrong checksum, wrong length, letters and impossible dates', () => {
    expect(isValidPesel('44051401358')).toBe(false);
    expect(isValidPesel('4405140135')).toBe(false);
    expect(isValidPesel('4405140135a')).toBe(false);
    expect(isValidPesel('44023101354')).toBe(false); // 31 February
  });

  it('reads the birth date, with the century from the month', () => {
    expect(peselBirthDate('44051401359')).toBe('1944-05-14');
    expect(peselBirthDate('02270803624')).toBe('2002-07-08');
  });
});
