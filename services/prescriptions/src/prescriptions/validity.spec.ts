import { ErrorCode } from '@pacjent/contracts';
import { decideValidity, type ValidityItem } from './validity';
import { addDays, isCalendarDate, warsawDate } from './warsaw-date';

const TODAY = '2026-03-03';
const plain: ValidityItem = { antibiotic: false, controlled: false };
const antibiotic: ValidityItem = { antibiotic: true, controlled: false };
const controlled: ValidityItem = { antibiotic: false, controlled: true };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'no error';
};

describe('prescription validity', () => {
  it('is 30 days from today by default, 7 with an antibiotic', () => {
    expect(decideValidity({}, [plain], TODAY)).toEqual({ validFrom: TODAY, validDays: 30, validUntil: '2026-04-01' });
    expect(decideValidity({}, [plain, antibiotic], TODAY)).toEqual({
      validFrom: TODAY,
      validDays: 7,
      validUntil: '2026-03-09',
    });
  });

  it('allows up to 365 days for chronic treatment when every item states its supply', () => {
    expect(decideValidity({ validDays: 365 }, [{ ...plain, supplyDays: 360 }], TODAY).validUntil).toBe('2027-03-02');
    expect(code(() => decideValidity({ validDays: 365 }, [plain], TODAY))).toBe(
      ErrorCode.PRESCRIPTION_VALIDITY_INVALID,
    );
    expect(code(() => decideValidity({ validDays: 366 }, [{ ...plain, supplyDays: 360 }], TODAY))).toBe(
      ErrorCode.PRESCRIPTION_VALIDITY_INVALID,
    );
  });

  it('refuses an antibiotic over 7 days, a controlled substance over 30, and 0 days', () => {
    for (const [days, items] of [
      [8, [antibiotic]],
      [31, [{ ...controlled, supplyDays: 30 }]],
      [0, [plain]],
      [-1, [plain]],
    ] as const) {
      expect(code(() => decideValidity({ validDays: days }, [...items], TODAY))).toBe(
        ErrorCode.PRESCRIPTION_VALIDITY_INVALID,
      );
    }
    expect(decideValidity({ validDays: 30 }, [controlled], TODAY).validDays).toBe(30);
  });

  it('starts today or up to 60 days ahead, on a real date', () => {
    expect(decideValidity({ validFrom: '2026-05-02' }, [plain], TODAY).validUntil).toBe('2026-05-31');
    for (const validFrom of ['2026-03-02', '2026-05-03', '2026-02-30']) {
      expect(code(() => decideValidity({ validFrom }, [plain], TODAY))).toBe(ErrorCode.PRESCRIPTION_VALIDITY_INVALID);
    }
  });

  it('counts Warsaw days', () => {
    expect(warsawDate(new Date('2026-03-02T23:30:00Z'))).toBe('2026-03-03');
    expect(warsawDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });
});
