import {
  ErrorCode,
  Subjects,
  type Actor,
  type AppointmentView,
  type NotificationEvent,
  type NotificationView,
  type SlotAlertView,
} from '@pacjent/contracts';
import { busSubject, loadConfig, PlatformConfig } from '@pacjent/platform';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import type { DoctorEntity } from '../catalog/doctor.entity';
import type { FacilityEntity } from '../catalog/facility.entity';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import { EventRelay } from '../events/event-relay.service';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';

const {
  createAppointment,
  cancelAppointment,
  rescheduleAppointment,
  listAppointments,
  createSlotAlert,
  listSlotAlerts,
  deleteSlotAlert,
  listNotifications,
} = Subjects.booking;

describe('earlier-slot alerts', () => {
  let kit: BookingTestKit;
  let nats: NatsConnection;
  const published: NotificationEvent[] = [];
  let service: MedicalServiceEntity;
  let doctor: DoctorEntity;
  let facility: FacilityEntity;
  let next = TEST_NOW.getTime() + DAY;

  const slot = (startsAt = new Date((next += HOUR))) => kit.factory.newSlot({ service, doctor, facility, startsAt });
  const book = (actor: Actor, slotId: string) => kit.request<AppointmentView>(createAppointment, actor, { slotId });
  const alert = (actor: Actor, data: Record<string, unknown> = {}) =>
    kit.request<SlotAlertView>(createSlotAlert, actor, {
      serviceId: service.id,
      until: new Date(TEST_NOW.getTime() + 30 * DAY).toISOString(),
      ...data,
    });
  const notifications = (actor: Actor) => kit.request<NotificationView[]>(listNotifications, actor, {});
  const waitForEvents = async (count: number) => {
    const started = Date.now();
    while (published.length < count && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 20));
  };

  beforeAll(async () => {
    kit = await startBooking();
    nats = await connect({ servers: loadConfig(PlatformConfig).NATS_URL });
    const codec = JSONCodec<NotificationEvent>();
    const subscription = nats.subscribe(busSubject(Subjects.booking.notificationEvent));
    void (async () => {
      for await (const message of subscription) published.push(codec.decode(message.data));
    })();
    service = await kit.factory.newService({ name: 'Konsultacja dermatologiczna' });
    doctor = await kit.factory.newDoctor({ serviceIds: [service.id] });
    facility = await kit.factory.newFacility({ city: 'Kraków' });
  });
  afterAll(async () => {
    await nats.drain();
    await kit.close();
  });
  beforeEach(() => {
    published.length = 0;
  });

  it('creates, lists and deletes the patient’s own alerts; others get NOT_FOUND', async () => {
    const patient = newActor();
    const created = await alert(patient, { city: 'Kraków', hourFrom: 8, hourTo: 12 });
    expect(created).toMatchObject({ serviceId: service.id, city: 'Kraków', hourFrom: 8, hourTo: 12, status: 'active' });
    expect(await kit.request(listSlotAlerts, patient, {})).toEqual([created]);
    expect(await kit.request(listSlotAlerts, newActor(), {})).toEqual([]);
    await expect(kit.failure(deleteSlotAlert, newActor(), { id: created.id })).resolves.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await kit.request(deleteSlotAlert, patient, { id: created.id });
    expect(await kit.request(listSlotAlerts, patient, {})).toEqual([]);
  });

  it('refuses a past end date, an unknown service and someone else’s visit to move', async () => {
    const patient = newActor();
    await expect(
      kit.failure(createSlotAlert, patient, { serviceId: service.id, until: TEST_NOW.toISOString() }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    await expect(
      kit.failure(createSlotAlert, patient, { serviceId: randomUUID(), until: '2026-04-01T00:00:00Z' }),
    ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    const theirs = await book(newActor(), (await slot()).id);
    await expect(
      kit.failure(createSlotAlert, patient, {
        serviceId: service.id,
        until: '2026-04-01T00:00:00Z',
        moveAppointmentId: theirs.id,
      }),
    ).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });

  it('tells the oldest matching alert first when a slot is freed, and announces it on the bus', async () => {
    const [older, newer, holder] = [newActor(), newActor(), newActor()];
    const freed = await slot();
    const held = await book(holder, freed.id);
    const first = await alert(older);
    kit.clock.set(new Date(TEST_NOW.getTime() + 1000));
    const second = await alert(newer);
    kit.clock.set(TEST_NOW);

    await kit.request(cancelAppointment, holder, { id: held.id });
    const [told] = await notifications(older);
    expect(told).toMatchObject({
      kind: 'slot_available',
      alertId: first.id,
      slot: expect.objectContaining({ id: freed.id }),
    });
    expect(await notifications(newer)).toEqual([]);
    expect((await kit.request<SlotAlertView[]>(listSlotAlerts, older, {}))[0]!.status).toBe('fulfilled');
    expect((await kit.request<SlotAlertView[]>(listSlotAlerts, newer, {}))[0]!.status).toBe('active');
    await waitForEvents(1);
    expect(published).toEqual([{ patientId: older.id, notification: told }]);

    // The next freed slot goes to the next alert in line.
    const other = await slot();
    const again = await book(holder, other.id);
    await kit.request(cancelAppointment, holder, { id: again.id });
    expect(await notifications(newer)).toEqual([expect.objectContaining({ alertId: second.id })]);
  });

  it('only matches slots within its filters and before its end date', async () => {
    const [watcher, holder] = [newActor(), newActor()];
    await alert(watcher, { city: 'Gdańsk' });
    await alert(watcher, { hourFrom: 18 });
    await alert(watcher, { until: new Date(TEST_NOW.getTime() + HOUR).toISOString() });
    await alert(watcher, { excludeDoctorIds: [doctor.id] });
    const held = await book(holder, (await slot()).id);
    await kit.request(cancelAppointment, holder, { id: held.id });
    expect(await notifications(watcher)).toEqual([]);
  });

  it('moves the watcher’s visit automatically to an earlier freed slot, and offers the slot it left on', async () => {
    const [mover, holder, nextInLine] = [newActor(), newActor(), newActor()];
    const early = await slot();
    const late = await slot(new Date(TEST_NOW.getTime() + 20 * DAY));
    const held = await book(holder, early.id);
    const mine = await book(mover, late.id);
    const moveAlert = await alert(mover, { moveAppointmentId: mine.id });
    kit.clock.set(new Date(TEST_NOW.getTime() + 1000));
    await alert(nextInLine);
    kit.clock.set(TEST_NOW);

    await kit.request(cancelAppointment, holder, { id: held.id });
    const upcoming = await kit.request<AppointmentView[]>(listAppointments, mover, { scope: 'upcoming' });
    expect(upcoming.map((a) => a.slot.id)).toEqual([early.id]);
    expect(await notifications(mover)).toEqual([
      expect.objectContaining({ kind: 'appointment_moved', alertId: moveAlert.id, appointmentId: upcoming[0]!.id }),
    ]);
    // The later slot the visit left is free now, and went to the next alert.
    expect(await notifications(nextInLine)).toEqual([
      expect.objectContaining({ kind: 'slot_available', slot: expect.objectContaining({ id: late.id }) }),
    ]);
  });

  it('does not move a visit to a later slot, and offers a slot freed by moving a visit', async () => {
    const [mover, watcher] = [newActor(), newActor()];
    const early = await slot();
    const later = await slot(new Date(TEST_NOW.getTime() + 25 * DAY));
    const mine = await book(mover, early.id);
    await alert(watcher);
    await kit.request(rescheduleAppointment, mover, { id: mine.id, slotId: later.id });
    expect(await notifications(watcher)).toEqual([
      expect.objectContaining({ kind: 'slot_available', slot: expect.objectContaining({ id: early.id }) }),
    ]);
  });

  it('does not move a visit to another kind of visit: a freed phone slot is only offered', async () => {
    const [mover, holder] = [newActor(), newActor()];
    // A service of its own, so no older alert of the tests above is first in line.
    const own = await kit.factory.newService();
    const ownDoctor = await kit.factory.newDoctor({ serviceIds: [own.id] });
    const at = (days: number, channel: 'phone' | 'in_person') =>
      kit.factory.newSlot({
        service: own,
        doctor: ownDoctor,
        channel,
        ...(channel === 'in_person' ? { facility } : {}),
        startsAt: new Date(TEST_NOW.getTime() + days * DAY),
      });
    const phone = await at(2, 'phone');
    const mine = await book(mover, (await at(27, 'in_person')).id);
    const held = await book(holder, phone.id);
    await alert(mover, { serviceId: own.id, moveAppointmentId: mine.id });
    await kit.request(cancelAppointment, holder, { id: held.id });
    const upcoming = await kit.request<AppointmentView[]>(listAppointments, mover, { scope: 'upcoming' });
    expect(upcoming.map((a) => a.id)).toEqual([mine.id]);
    expect(await notifications(mover)).toEqual([
      expect.objectContaining({ kind: 'slot_available', slot: expect.objectContaining({ id: phone.id }) }),
    ]);
  });

  it('lists only the patient’s notifications created after a given one, oldest first; an unknown or foreign id lists nothing', async () => {
    const [watcher, stranger] = [newActor(), newActor()];
    const own = await kit.factory.newService();
    for (const [index, patient] of [watcher, watcher, watcher, stranger].entries()) {
      kit.clock.set(new Date(TEST_NOW.getTime() + index));
      await alert(patient, { serviceId: own.id });
    }
    // Four freed slots, one second apart: the watcher's three alerts are told first, then the stranger's.
    for (let second = 1; second <= 4; second += 1) {
      kit.clock.set(new Date(TEST_NOW.getTime() + second * 1000));
      const freed = await kit.factory.newSlot({
        service: own,
        startsAt: new Date(TEST_NOW.getTime() + (3 + second) * DAY),
      });
      const holder = newActor();
      const held = await book(holder, freed.id);
      await kit.request(cancelAppointment, holder, { id: held.id });
    }
    kit.clock.set(TEST_NOW);
    const after = (actor: Actor, id: string) =>
      kit.request<NotificationView[]>(listNotifications, actor, { after: id });

    const newestFirst = await notifications(watcher);
    expect(newestFirst).toHaveLength(3);
    const [third, second, first] = newestFirst as [NotificationView, NotificationView, NotificationView];
    expect(await after(watcher, first.id)).toEqual([second, third]);
    expect(await after(watcher, second.id)).toEqual([third]);
    expect(await after(watcher, third.id)).toEqual([]);

    const [theirs] = await notifications(stranger);
    expect(theirs).toBeDefined();
    // Someone else's id, or one that never existed: nothing, neither theirs nor one's own.
    expect(await after(stranger, first.id)).toEqual([]);
    expect(await after(watcher, theirs!.id)).toEqual([]);
    expect(await after(watcher, randomUUID())).toEqual([]);
    await expect(kit.failure(listNotifications, watcher, { after: 'not-an-id' })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it('writes each announcement to the outbox with its change and publishes it once (JetStream, outbox id as msgID)', async () => {
    const [watcher, holder] = [newActor(), newActor()];
    const own = await kit.factory.newService();
    const freed = await kit.factory.newSlot({ service: own, startsAt: new Date(TEST_NOW.getTime() + 3 * DAY) });
    const held = await book(holder, freed.id);
    await alert(watcher, { serviceId: own.id });
    await kit.request(cancelAppointment, holder, { id: held.id });
    const rows = (await kit.dataSource.query(
      `SELECT id, subject, published_at FROM "booking"."outbox" WHERE payload->>'patientId' = $1`,
      [watcher.id],
    )) as Array<{ id: string; subject: string; published_at: Date | null }>;
    expect(rows).toEqual([
      { id: expect.any(String), subject: Subjects.booking.notificationEvent, published_at: TEST_NOW },
    ]);
    await waitForEvents(1);
    expect(published.filter((event) => event.patientId === watcher.id)).toHaveLength(1);

    // A row left unpublished (say the process died after the commit) goes out on the relay's next round.
    published.length = 0;
    await kit.dataSource.query(`UPDATE "booking"."outbox" SET published_at = NULL WHERE id = $1`, [rows[0]!.id]);
    await expect(kit.service.get(EventRelay).flush()).resolves.toBe(1);
    await waitForEvents(1);
    expect(published.map((event) => event.patientId)).toEqual([watcher.id]);
  });
});
