import { Subjects, type Actor, type NotificationView, type SlotView } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';
import { SchedulesRepository } from './schedules.repository';
import { SlotGenerationService } from './slot-generation.service';

describe('slots generated from weekly schedules', () => {
  let kit: BookingTestKit;
  let job: SlotGenerationService;

  beforeAll(async () => {
    kit = await startBooking({ SLOT_HORIZON_DAYS: '14' });
    job = kit.service.get(SlotGenerationService);
  });
  afterAll(() => kit.close());

  it('turns a weekly template into slots on that weekday, Warsaw time, over the horizon, and keeps it rolling', async () => {
    const service = await kit.factory.newService();
    const doctor = await kit.factory.newDoctor({ serviceIds: [service.id] });
    const facility = await kit.factory.newFacility();
    // Tuesdays 9:00–10:00 in person (three 20-minute slots), Wednesdays 16:00–17:00 by phone (two 30-minute ones).
    await kit.service.get(SchedulesRepository).createTemplates([
      {
        doctorId: doctor.id,
        serviceId: service.id,
        facilityId: facility.id,
        channel: 'in_person',
        weekday: 2,
        startsAt: '09:00',
        endsAt: '10:00',
        slotMinutes: 20,
      },
      {
        doctorId: doctor.id,
        serviceId: service.id,
        facilityId: null,
        channel: 'phone',
        weekday: 3,
        startsAt: '16:00',
        endsAt: '17:00',
        slotMinutes: 30,
      },
    ]);
    await expect(job.run()).resolves.toBe(2 * 3 + 2 * 2);
    const slots = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, {
      serviceId: service.id,
      limit: 200,
    });
    // Now is Monday 2 March 2026; 14 days: Tuesdays 3 and 10 March, Wednesdays 4 and 11 March.
    expect(slots.map((slot) => [slot.startsAt, slot.channel])).toEqual([
      ['2026-03-03T08:00:00.000Z', 'in_person'],
      ['2026-03-03T08:20:00.000Z', 'in_person'],
      ['2026-03-03T08:40:00.000Z', 'in_person'],
      ['2026-03-04T15:00:00.000Z', 'phone'],
      ['2026-03-04T15:30:00.000Z', 'phone'],
      ['2026-03-10T08:00:00.000Z', 'in_person'],
      ['2026-03-10T08:20:00.000Z', 'in_person'],
      ['2026-03-10T08:40:00.000Z', 'in_person'],
      ['2026-03-11T15:00:00.000Z', 'phone'],
      ['2026-03-11T15:30:00.000Z', 'phone'],
    ]);
    await expect(job.run()).resolves.toBe(0);
    // A week later the horizon has moved: the next Tuesday and Wednesday appear; the past is not refilled.
    kit.clock.set(new Date(TEST_NOW.getTime() + 7 * DAY + 2 * HOUR));
    try {
      await expect(job.run()).resolves.toBe(5);
    } finally {
      kit.clock.set(TEST_NOW);
    }
  });

  it('runs once at a time across replicas: a concurrent run skips while another holds the lock', async () => {
    const schedules = kit.service.get(SchedulesRepository);
    let release: () => void = () => undefined;
    const held = schedules.transaction(async (tx) => {
      await schedules.tryGenerationLock(tx);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(job.run()).resolves.toBeNull();
    release();
    await held;
    await expect(job.run()).resolves.toBe(0);
  });

  it('offers new slots to waiting earlier-slot alerts, the oldest first', async () => {
    const service = await kit.factory.newService();
    const doctor = await kit.factory.newDoctor({ serviceIds: [service.id] });
    const [first, second] = [newActor(), newActor()];
    const alert = (actor: Actor) =>
      kit.request(Subjects.booking.createSlotAlert, actor, {
        serviceId: service.id,
        channel: 'phone',
        until: new Date(TEST_NOW.getTime() + 5 * DAY).toISOString(),
      });
    await alert(first);
    kit.clock.set(new Date(TEST_NOW.getTime() + 1000));
    await alert(second);
    kit.clock.set(TEST_NOW);
    // Thursdays 12:00–12:20 by phone: one new slot on 5 March, within both alerts' window.
    await kit.service.get(SchedulesRepository).createTemplates([
      {
        doctorId: doctor.id,
        serviceId: service.id,
        facilityId: null,
        channel: 'phone',
        weekday: 4,
        startsAt: '12:00',
        endsAt: '12:20',
        slotMinutes: 20,
      },
    ]);
    await expect(job.run()).resolves.toBe(2);
    const told = await kit.request<NotificationView[]>(Subjects.booking.listNotifications, first, {});
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'slot_available',
        slot: expect.objectContaining({ startsAt: '2026-03-05T11:00:00.000Z' }),
      }),
    ]);
    expect(await kit.request(Subjects.booking.listNotifications, second, {})).toEqual([]);
  });
});
