import { ErrorCode, Subjects, type SlotView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import type { SlotEntity } from './slot.entity';
import { DAY, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';
import { timeOfDayOf } from './warsaw-time';

// TEST_NOW is Monday 2 March 2026, 8:00 in Warsaw (UTC+1 in March before the 29th).
const at = (iso: string) => new Date(iso);

describe('free slot search over the bus', () => {
  let kit: BookingTestKit;
  let service: MedicalServiceEntity;
  let other: MedicalServiceEntity;
  const slots: Record<string, SlotEntity> = {};
  const search = (query: Record<string, unknown>) => kit.request<SlotView[]>(Subjects.booking.searchSlots, null, query);
  const ids = (found: SlotView[]) => found.map((slot) => slot.id);

  beforeAll(async () => {
    kit = await startBooking();
    const { factory } = kit;
    service = await factory.newService({ name: 'Konsultacja internistyczna' });
    other = await factory.newService({ name: 'Konsultacja kardiologiczna' });
    const warsaw = await factory.newFacility({ name: 'Centrum Medyczne Wola', city: 'Warszawa' });
    const krakow = await factory.newFacility({ name: 'Centrum Medyczne Kazimierz', city: 'Kraków' });
    const polish = await factory.newDoctor({ name: 'lek. Piotr Kowalski', serviceIds: [service.id, other.id] });
    const english = await factory.newDoctor({
      name: 'lek. Anna Nowak',
      languages: ['pl', 'en'],
      serviceIds: [service.id],
    });
    const make = async (name: string, options: Parameters<typeof factory.newSlot>[0]) => {
      slots[name] = await factory.newSlot({ service, ...options });
    };
    await make('past', { doctor: polish, facility: warsaw, startsAt: at('2026-03-02T06:00:00Z') });
    await make('startingNow', { doctor: english, facility: warsaw, startsAt: TEST_NOW });
    await make('tomorrowMorningWarsaw', { doctor: polish, facility: warsaw, startsAt: at('2026-03-03T08:00:00Z') }); // 9:00
    await make('tomorrowAfternoonKrakow', { doctor: english, facility: krakow, startsAt: at('2026-03-03T12:00:00Z') }); // 13:00
    await make('tomorrowEveningPhone', { doctor: english, channel: 'phone', startsAt: at('2026-03-03T16:20:00Z') }); // 17:20
    await make('noonVideo', { doctor: polish, channel: 'video', startsAt: at('2026-03-04T10:40:00Z') }); // 11:40
    await make('laterWarsaw', { doctor: polish, facility: warsaw, startsAt: at('2026-03-04T13:00:00Z') }); // 14:00
    await make('booked', { doctor: english, facility: warsaw, startsAt: at('2026-03-05T09:00:00Z') });
    await make('inSixWeeks', { doctor: english, facility: krakow, startsAt: new Date(TEST_NOW.getTime() + 42 * DAY) });
    slots.otherService = await factory.newSlot({ service: other, doctor: polish, facility: warsaw });
    await kit.request(Subjects.booking.createAppointment, newActor({ level: 'full' }), { slotId: slots.booked!.id });
  });
  afterAll(() => kit.close());

  it("finds a service's free slots of the next 30 days, soonest first, for anybody", async () => {
    const found = await search({ serviceId: service.id });
    expect(ids(found)).toEqual([
      slots.tomorrowMorningWarsaw!.id,
      slots.tomorrowAfternoonKrakow!.id,
      slots.tomorrowEveningPhone!.id,
      slots.noonVideo!.id,
      slots.laterWarsaw!.id,
    ]);
    expect(found[0]).toEqual({
      id: slots.tomorrowMorningWarsaw!.id,
      startsAt: '2026-03-03T08:00:00.000Z',
      endsAt: '2026-03-03T08:20:00.000Z',
      channel: 'in_person',
      service: { id: service.id, name: 'Konsultacja internistyczna' },
      doctor: { id: expect.any(String), name: 'lek. Piotr Kowalski' },
      facility: { id: expect.any(String), name: 'Centrum Medyczne Wola', city: 'Warszawa' },
    });
    expect(found[2]!.facility).toBeNull();
  });

  it('never offers a slot that has started, a booked one, or another service', async () => {
    const found = ids(await search({}));
    expect(found).not.toContain(slots.past!.id);
    expect(found).not.toContain(slots.startingNow!.id);
    expect(found).not.toContain(slots.booked!.id);
    expect(found).toContain(slots.otherService!.id);
    expect(ids(await search({ serviceId: other.id }))).toEqual([slots.otherService!.id]);
  });

  it('looks further with `to`, and starts later with `from` (bare dates are whole Warsaw days)', async () => {
    expect(ids(await search({ serviceId: service.id, to: '2026-06-01' }))).toContain(slots.inSixWeeks!.id);
    expect(ids(await search({ serviceId: service.id, from: '2026-03-04', to: '2026-03-04' }))).toEqual([
      slots.noonVideo!.id,
      slots.laterWarsaw!.id,
    ]);
    expect(await search({ serviceId: service.id, from: '2026-03-05T00:00:00Z', to: '2026-03-04T00:00:00Z' })).toEqual(
      [],
    );
  });

  it('filters by city, where phone and video slots match whatever the city', async () => {
    expect(ids(await search({ serviceId: service.id, city: 'Kraków' }))).toEqual([
      slots.tomorrowAfternoonKrakow!.id,
      slots.tomorrowEveningPhone!.id,
      slots.noonVideo!.id,
    ]);
    expect(ids(await search({ serviceId: service.id, city: 'kraków', channel: 'in_person' }))).toEqual([
      slots.tomorrowAfternoonKrakow!.id,
    ]);
  });

  it('filters by channel, facility and doctor', async () => {
    expect(ids(await search({ serviceId: service.id, channel: 'phone' }))).toEqual([slots.tomorrowEveningPhone!.id]);
    expect(ids(await search({ facilityId: slots.tomorrowAfternoonKrakow!.facilityId }))).toEqual([
      slots.tomorrowAfternoonKrakow!.id,
    ]);
    expect(ids(await search({ serviceId: service.id, doctorId: slots.noonVideo!.doctorId }))).toEqual([
      slots.tomorrowMorningWarsaw!.id,
      slots.noonVideo!.id,
      slots.laterWarsaw!.id,
    ]);
  });

  it('filters by time of day on the Warsaw clock', async () => {
    const morning = await search({ serviceId: service.id, timeOfDay: 'morning' });
    const afternoon = await search({ serviceId: service.id, timeOfDay: 'afternoon' });
    const evening = await search({ serviceId: service.id, timeOfDay: 'evening' });
    expect(ids(morning)).toEqual([slots.tomorrowMorningWarsaw!.id, slots.noonVideo!.id]);
    expect(ids(afternoon)).toEqual([slots.tomorrowAfternoonKrakow!.id, slots.laterWarsaw!.id]);
    expect(ids(evening)).toEqual([slots.tomorrowEveningPhone!.id]);
    for (const [slot, expected] of [
      ...morning.map((s) => [s, 'morning'] as const),
      ...evening.map((s) => [s, 'evening'] as const),
    ]) {
      expect(timeOfDayOf(new Date(slot.startsAt))).toBe(expected);
    }
  });

  it("filters by the doctor's language", async () => {
    expect(ids(await search({ serviceId: service.id, language: 'en' }))).toEqual([
      slots.tomorrowAfternoonKrakow!.id,
      slots.tomorrowEveningPhone!.id,
    ]);
    expect(await search({ serviceId: service.id, language: 'de' })).toEqual([]);
  });

  it('returns at most `limit` slots, the soonest ones', async () => {
    expect(ids(await search({ serviceId: service.id, limit: 2 }))).toEqual([
      slots.tomorrowMorningWarsaw!.id,
      slots.tomorrowAfternoonKrakow!.id,
    ]);
  });

  it('refuses a bad limit, time of day or date with VALIDATION_FAILED', async () => {
    for (const query of [
      { limit: 201 },
      { limit: 0 },
      { timeOfDay: 'night' },
      { from: 'yesterday' },
      { to: '2026-02-30' },
    ]) {
      await expect(kit.failure(Subjects.booking.searchSlots, null, query)).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
    }
  });

  it('moves with the clock: once a slot starts it is no longer offered', async () => {
    kit.clock.set(new Date('2026-03-03T08:00:00Z'));
    try {
      expect(ids(await search({ serviceId: service.id }))[0]).toBe(slots.tomorrowAfternoonKrakow!.id);
    } finally {
      kit.clock.set(TEST_NOW);
    }
  });
});
