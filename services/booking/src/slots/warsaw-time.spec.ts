import { addDays, TIME_OF_DAY_HOURS, timeOfDayOf, warsawDate, warsawInstant, warsawWallClock } from './warsaw-time';

describe('Warsaw time', () => {
  it('splits the day into morning (<12), afternoon (12–17) and evening (≥17) without gaps', () => {
    expect(TIME_OF_DAY_HOURS).toEqual({ morning: [0, 12], afternoon: [12, 17], evening: [17, 24] });
    expect(TIME_OF_DAY_HOURS.morning[1]).toBe(TIME_OF_DAY_HOURS.afternoon[0]);
    expect(TIME_OF_DAY_HOURS.afternoon[1]).toBe(TIME_OF_DAY_HOURS.evening[0]);
  });

  it('reads the time of day on the Warsaw clock, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(timeOfDayOf(new Date('2026-01-15T10:59:00Z'))).toBe('morning'); // 11:59 in Warsaw
    expect(timeOfDayOf(new Date('2026-01-15T11:00:00Z'))).toBe('afternoon'); // 12:00
    expect(timeOfDayOf(new Date('2026-07-15T10:00:00Z'))).toBe('afternoon'); // 12:00 in summer
    expect(timeOfDayOf(new Date('2026-07-15T09:59:00Z'))).toBe('morning'); // 11:59
    expect(timeOfDayOf(new Date('2026-01-15T15:59:00Z'))).toBe('afternoon'); // 16:59
    expect(timeOfDayOf(new Date('2026-01-15T16:00:00Z'))).toBe('evening'); // 17:00
    expect(timeOfDayOf(new Date('2026-07-15T15:00:00Z'))).toBe('evening'); // 17:00 in summer
    expect(timeOfDayOf(new Date('2026-01-15T23:30:00Z'))).toBe('morning'); // 00:30 the next day
  });

  it('turns Warsaw wall-clock time into the instant, across the DST changes', () => {
    expect(warsawInstant({ year: 2026, month: 1, day: 15, hour: 8, minute: 0, second: 0 }).toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    expect(warsawInstant({ year: 2026, month: 7, day: 15, hour: 8, minute: 0, second: 0 }).toISOString()).toBe(
      '2026-07-15T06:00:00.000Z',
    );
    // 29 March 2026: clocks jump 02:00 → 03:00; midnight is still UTC+1, 08:00 already UTC+2.
    expect(warsawInstant({ year: 2026, month: 3, day: 29, hour: 0, minute: 0, second: 0 }).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(warsawInstant({ year: 2026, month: 3, day: 29, hour: 8, minute: 0, second: 0 }).toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });

  it('gives the Warsaw calendar date, which differs from the UTC one late in the evening', () => {
    expect(warsawDate(new Date('2026-07-15T22:30:00Z'))).toBe('2026-07-16');
    expect(warsawDate(new Date('2026-07-15T21:30:00Z'))).toBe('2026-07-15');
    expect(warsawWallClock(new Date('2026-07-15T22:30:05Z'))).toEqual({
      year: 2026,
      month: 7,
      day: 16,
      hour: 0,
      minute: 30,
      second: 5,
    });
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', 27)).toBe('2026-03-28');
  });
});
