import { ageOn } from '@pacjent/contracts';

describe('a patient’s age on the visit’s day', () => {
  it('counts full years, turning a year older on the birthday itself', () => {
    expect(ageOn('1985-04-12', '2026-04-11')).toBe(40);
    expect(ageOn('1985-04-12', '2026-04-12')).toBe(41);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});
