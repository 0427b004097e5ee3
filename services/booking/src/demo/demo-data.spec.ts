import { DEMO_DOCTOR_ACCOUNT_ID, DEMO_FACILITIES, DEMO_SERVICES } from './demo-catalog';
import { DEMO_DOCTORS } from './demo-doctors';
import { demoScheduleBlocks, slotMinutes } from './demo-schedule';

const minutesOf = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

describe('demo data', () => {
  const blocks = demoScheduleBlocks();

  it('covers five cities with two or three facilities each', () => {
    const perCity = new Map<string, number>();
    for (const facility of DEMO_FACILITIES) perCity.set(facility.city, (perCity.get(facility.city) ?? 0) + 1);
    expect([...perCity.keys()].sort()).toEqual(['Gdańsk', 'Kraków', 'Poznań', 'Warszawa', 'Wrocław']);
    for (const count of perCity.values()) expect(count).toBeGreaterThanOrEqual(2);
  });

  it('has unique names (the seed joins on them)', () => {
    for (const names of [DEMO_FACILITIES, DEMO_SERVICES, DEMO_DOCTORS].map((list) => list.map((x) => x.name))) {
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('includes the demo doctor, an internist in Warszawa with the known account id', () => {
    const demo = DEMO_DOCTORS.find((doctor) => doctor.accountId === DEMO_DOCTOR_ACCOUNT_ID);
    expect(demo).toMatchObject({ name: 'lek. Anna Nowak', specialties: ['Internista'] });
    expect(DEMO_FACILITIES.find((facility) => facility.name === demo?.facility)?.city).toBe('Warszawa');
  });

  it('offers every kind, some open to basic accounts and some not, rehabilitation only with a referral', () => {
    const kinds = new Set(DEMO_SERVICES.map((service) => service.kind));
    expect([...kinds].sort()).toEqual(['consultation', 'occupational', 'procedure', 'rehabilitation', 'test']);
    const tests = DEMO_SERVICES.filter((service) => service.kind === 'test');
    expect(tests.some((test) => test.basicAllowed)).toBe(true);
    expect(tests.some((test) => !test.basicAllowed)).toBe(true);
    for (const service of DEMO_SERVICES) {
      expect(service.requiresReferral).toBe(service.kind === 'rehabilitation');
      if (service.kind === 'occupational') expect(service.basicAllowed).toBe(true);
    }
  });

  it('schedules every service, only on channels it offers, at real facilities', () => {
    const facilities = new Set(DEMO_FACILITIES.map((facility) => facility.name));
    for (const service of DEMO_SERVICES) expect(blocks.some((block) => block.service === service.name)).toBe(true);
    for (const block of blocks) {
      const service = DEMO_SERVICES.find((candidate) => candidate.name === block.service)!;
      expect(service.channels).toContain(block.channel);
      expect(block.facility === null).toBe(block.channel !== 'in_person');
      if (block.facility) expect(facilities.has(block.facility)).toBe(true);
      expect(block.minutes).toBe(slotMinutes(service.kind));
      expect(minutesOf(block.end) - minutesOf(block.start)).toBeGreaterThanOrEqual(block.minutes);
      expect(minutesOf(block.start)).toBeGreaterThanOrEqual(8 * 60);
      expect(minutesOf(block.end)).toBeLessThanOrEqual(18 * 60);
    }
  });

  it('never books a doctor twice at once', () => {
    for (const doctor of DEMO_DOCTORS) {
      for (const weekday of [1, 2, 3, 4, 5]) {
        const day = blocks
          .filter((block) => block.doctor === doctor.name && block.weekday === weekday)
          .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
        for (let i = 1; i < day.length; i++) {
          expect(minutesOf(day[i]!.start)).toBeGreaterThanOrEqual(minutesOf(day[i - 1]!.end));
        }
      }
    }
  });

  it('has phone and video days as well as evening hours', () => {
    expect(blocks.some((block) => block.channel === 'phone')).toBe(true);
    expect(blocks.some((block) => block.channel === 'video')).toBe(true);
    expect(blocks.some((block) => minutesOf(block.end) > 17 * 60)).toBe(true);
  });
});
