import { DEMO_RECORD, Subjects, type DoctorView, type ServiceView, type SlotView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { DAY, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';
import { warsawWallClock } from '../slots/warsaw-time';
import { DEMO_DOCTOR_ACCOUNT_ID, DEMO_FACILITIES, DEMO_SERVICES } from './demo-catalog';
import { DEMO_DOCTORS } from './demo-doctors';
import { DemoSeeder } from './demo.seeder';

const TABLES = ['facilities', 'services', 'doctors', 'doctor_services', 'slots'] as const;

describe('demo data (SEED_DEMO_DATA=true)', () => {
  let kit: BookingTestKit;
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = (await kit.dataSource.query(`SELECT count(*)::int AS n FROM "booking"."${table}"`)) as [
        { n: number },
      ];
      result[table] = row.n;
    }
    return result;
  };

  beforeAll(async () => {
    kit = await startBooking({ SEED_DEMO_DATA: 'true', SLOT_HORIZON_DAYS: '28' });
  });
  afterAll(() => kit.close());

  it('seeds the catalog on start: five cities, their facilities, every service, the doctors', async () => {
    expect(await kit.request(Subjects.booking.listCities, null, {})).toEqual([
      'Gdańsk',
      'Kraków',
      'Poznań',
      'Warszawa',
      'Wrocław',
    ]);
    const current = await counts();
    expect(current).toMatchObject({
      facilities: DEMO_FACILITIES.length,
      services: DEMO_SERVICES.length,
      doctors: DEMO_DOCTORS.length,
    });
    expect(current.slots).toBeGreaterThan(5000);
    const doctors = await kit.request<DoctorView[]>(Subjects.booking.listDoctors, null, {});
    expect(doctors).toContainEqual({
      id: expect.any(String),
      name: 'lek. Anna Nowak',
      specialties: ['Internista'],
      languages: ['pl', 'en'],
    });
    const [demoDoctor] = (await kit.dataSource.query(`SELECT name FROM "booking"."doctors" WHERE account_id = $1`, [
      DEMO_DOCTOR_ACCOUNT_ID,
    ])) as Array<{ name: string }>;
    expect(demoDoctor?.name).toBe('lek. Anna Nowak');
  });

  it('offers plenty of free slots on weekdays between 8:00 and 18:00 Warsaw time, phone ones included', async () => {
    const [internist] = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, { q: 'internistyczna' });
    const found = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, {
      serviceId: internist!.id,
      city: 'Warszawa',
      limit: 200,
    });
    expect(found).toHaveLength(200);
    expect(found.some((slot) => slot.channel === 'phone')).toBe(true);
    expect(found.some((slot) => slot.facility?.city === 'Warszawa')).toBe(true);
    for (const slot of found) {
      const start = new Date(slot.startsAt);
      const { hour } = warsawWallClock(start);
      const { hour: endHour, minute: endMinute } = warsawWallClock(new Date(slot.endsAt));
      expect(start.getTime()).toBeGreaterThan(TEST_NOW.getTime());
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(endHour * 60 + endMinute).toBeLessThanOrEqual(18 * 60);
      expect([1, 2, 3, 4, 5]).toContain(start.getUTCDay());
      expect(new Date(slot.endsAt).getTime() - start.getTime()).toBe(20 * 60 * 1000);
    }
    const evening = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, { timeOfDay: 'evening' });
    expect(evening.length).toBeGreaterThan(0);
    const ukrainian = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, { language: 'uk' });
    expect(ukrainian.length).toBeGreaterThan(0);
  });

  it('lets a basic account book a demo test open to it', async () => {
    const [bloodTest] = await kit.request<ServiceView[]>(Subjects.booking.listServices, null, { q: 'Morfologia' });
    expect(bloodTest).toMatchObject({ kind: 'test', basicAllowed: true });
    const [slot] = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, { serviceId: bloodTest!.id });
    await expect(
      kit.request(Subjects.booking.createAppointment, newActor(), { slotId: slot!.id }),
    ).resolves.toMatchObject({ status: 'booked' });
  });

  it('runs again, even twice at once, without duplicating anything', async () => {
    const before = await counts();
    const seeder = kit.service.get(DemoSeeder);
    const outcomes = await Promise.all([seeder.seed(), seeder.seed()]);
    expect(outcomes).toEqual([
      { catalogSeeded: false, slotsAdded: 0, pastVisitsAdded: 0 },
      { catalogSeeded: false, slotsAdded: 0, pastVisitsAdded: 0 },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('tops the slots up to the horizon as time goes by', async () => {
    const seeder = kit.service.get(DemoSeeder);
    const lastStart = async () =>
      ((await kit.dataSource.query(`SELECT max(starts_at) AS last FROM "booking"."slots"`)) as [{ last: Date }])[0]
        .last;
    const before = await lastStart();
    kit.clock.set(new Date(TEST_NOW.getTime() + 7 * DAY));
    try {
      const outcome = await seeder.seed();
      expect(outcome.catalogSeeded).toBe(false);
      expect(outcome.slotsAdded).toBeGreaterThan(0);
      expect((await lastStart()).getTime()).toBeGreaterThan(before.getTime() + 6 * DAY);
      await expect(seeder.seed()).resolves.toEqual({ catalogSeeded: false, slotsAdded: 0, pastVisitsAdded: 0 });
    } finally {
      kit.clock.set(TEST_NOW);
    }
  });

  it('seeds an empty database once, in well under five seconds, when two replicas start together', async () => {
    await kit.dataSource.query(
      `TRUNCATE "booking"."notifications", "booking"."slot_alerts", "booking"."appointments", "booking"."slots",
                "booking"."doctor_services", "booking"."schedule_templates",
                "booking"."doctors", "booking"."services", "booking"."facilities"`,
    );
    const seeder = kit.service.get(DemoSeeder);
    const started = Date.now();
    const outcomes = await Promise.all([seeder.seed(), seeder.seed()]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcomes.map((outcome) => outcome.catalogSeeded).sort()).toEqual([false, true]);
    const after = await counts();
    expect(after).toMatchObject({ services: DEMO_SERVICES.length, doctors: DEMO_DOCTORS.length });
    const pastVisits = outcomes[0]!.pastVisitsAdded + outcomes[1]!.pastVisitsAdded;
    expect(pastVisits).toBe(DEMO_RECORD.visits.length);
    expect(outcomes[0]!.slotsAdded + outcomes[1]!.slotsAdded + pastVisits).toBe(after.slots);
  });

  it('gives the demo patient a dozen past completed visits with the demo doctor, under the record’s fixed ids', async () => {
    const visits: Array<{ id: string; status: string; account_id: string; starts_at: Date }> =
      await kit.dataSource.query(
        `SELECT a.id, a.status, d.account_id, a.starts_at FROM "booking"."appointments" a
           JOIN "booking"."slots" s ON s.id = a.slot_id JOIN "booking"."doctors" d ON d.id = s.doctor_id
          WHERE a.patient_id = $1 ORDER BY a.starts_at DESC`,
        [DEMO_RECORD.patientId],
      );
    expect(visits.map((visit) => visit.id)).toEqual(DEMO_RECORD.visits.map((visit) => visit.id));
    expect(new Set(visits.map((visit) => `${visit.status} ${visit.account_id}`))).toEqual(
      new Set([`completed ${DEMO_RECORD.doctorAccountId}`]),
    );
    expect(visits.every((visit) => visit.starts_at.getTime() < kit.clock.now().getTime())).toBe(true);
  });
});
