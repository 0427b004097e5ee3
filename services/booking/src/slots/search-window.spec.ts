import { DomainError, ErrorCode } from '@pacjent/contracts';
import { parseSearchBound, searchWindow } from './search-window';

const now = new Date('2026-03-02T07:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('the slot search window', () => {
  it('runs from now for 30 days when nothing is asked', () => {
    expect(searchWindow({}, now)).toEqual({ from: now, to: new Date(now.getTime() + 30 * DAY) });
  });

  it('never starts before now, even when `from` is in the past', () => {
    const window = searchWindow({ from: '2026-02-01T00:00:00Z', to: '2026-03-10T00:00:00Z' }, now);
    expect(window.from).toEqual(now);
    expect(window.to.toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });

  it('counts the default 30 days from a later `from`', () => {
    const window = searchWindow({ from: '2026-04-01T10:00:00Z' }, now);
    expect(window.from.toISOString()).toBe('2026-04-01T10:00:00.000Z');
    expect(window.to.toISOString()).toBe('2026-05-01T10:00:00.000Z');
  });

  it('reads bare dates as whole Warsaw days, `to` included', () => {
    const window = searchWindow({ from: '2026-03-05', to: '2026-03-06' }, now);
    expect(window.from.toISOString()).toBe('2026-03-04T23:00:00.000Z');
    expect(window.to.toISOString()).toBe('2026-03-06T23:00:00.000Z');
  });

  it('reads date-times without an offset as Warsaw time and honours explicit offsets', () => {
    expect(parseSearchBound('2026-07-01T08:00', 'from').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(parseSearchBound('2026-07-01T08:00:00+02:00', 'from').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(parseSearchBound('2026-07-01T08:00:00.000Z', 'from').toISOString()).toBe('2026-07-01T08:00:00.000Z');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-W10', '2026-061', '2026-03-01T25:00Z', 'tomorrow'])(
    'refuses %s with VALIDATION_FAILED naming the field',
    (value) => {
      let error: unknown;
      try {
        parseSearchBound(value, 'to');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED, details: { errors: [{ field: 'to' }] } });
    },
  );
});
