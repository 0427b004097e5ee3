import { patternOf } from './edge-problems';

describe('route patterns for 405', () => {
  it('matches a route URL with parameters, suffixes and wildcards, and nothing else', () => {
    expect(patternOf('/api/auth/login').test('/api/auth/login')).toBe(true);
    expect(patternOf('/api/auth/login').test('/api/auth/login/')).toBe(true);
    expect(patternOf('/api/auth/login').test('/api/auth/logins')).toBe(false);
    expect(patternOf('/api/appointments/:id').test('/api/appointments/123')).toBe(true);
    expect(patternOf('/api/appointments/:id').test('/api/appointments/1/cancel')).toBe(false);
    expect(patternOf('/api/appointments/:id.ics').test('/api/appointments/abc.ics')).toBe(true);
    expect(patternOf('/api/appointments/:id.ics').test('/api/appointments/abc')).toBe(false);
    expect(patternOf('/assets/*').test('/assets/a/b.js')).toBe(true);
    expect(patternOf('/api/a+b').test('/api/aab')).toBe(false);
  });
});
