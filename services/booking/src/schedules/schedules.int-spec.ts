import {
  ErrorCode,
  Subjects,
  type AppointmentView,
  type CreatedScheduleTemplateView,
  type NotificationView,
  type ScheduleTemplateRemoval,
  type ScheduleTemplateListItem,
  type ScheduleTemplateView,
  type SlotView,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { FreedSlotOffers } from '../appointments/freed-slot-offers';
import type { DoctorEntity } from '../catalog/doctor.entity';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import { DAY, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';
import { SlotGenerationService } from './slot-generation.service';

const { listScheduleTemplates, createScheduleTemplate, deleteScheduleTemplate } = Subjects.booking;

describe('staff edit weekly schedules', () => {
  let kit: BookingTestKit;
  const staff = newActor({ roles: ['staff'] });

  beforeAll(async () => {
    kit = await startBooking({ SLOT_HORIZON_DAYS: '14' });
  });
  afterEach(() => kit.clock.set(TEST_NOW));
  afterAll(() => kit.close());

  async function doctorWithService(): Promise<{ doctor: DoctorEntity; service: MedicalServiceEntity }> {
    const service = await kit.factory.newService();
    const doctor = await kit.factory.newDoctor({ serviceIds: [service.id] });
    return { doctor, service };
  }

  const create = (data: Record<string, unknown>) =>
    kit.request<CreatedScheduleTemplateView>(createScheduleTemplate, staff, data);
  const slotsOf = (doctorId: string) =>
    kit.request<SlotView[]>(Subjects.booking.searchSlots, null, { doctorId, limit: 200 });
  /** A weekly template's data: the doctor's phone hours on `weekday` (8:00–9:00 unless given), 20-minute slots. */
  const phoneHours = (
    doctor: DoctorEntity,
    service: MedicalServiceEntity,
    weekday: number,
    startsAt = '08:00',
    endsAt = '09:00',
  ) => ({ doctorId: doctor.id, serviceId: service.id, channel: 'phone', weekday, startsAt, endsAt, slotMinutes: 20 });

  it('creates a template whose slots appear at once on its weekday, in Warsaw time, within the horizon only', async () => {
    const { doctor, service } = await doctorWithService();
    const facility = await kit.factory.newFacility();
    // Now is Monday 2 March 2026, 8:00 in Warsaw (UTC+1); the horizon is 14 days: 2–15 March.
    const created = await create({
      doctorId: doctor.id,
      serviceId: service.id,
      facilityId: facility.id,
      channel: 'in_person',
      weekday: 1,
      startsAt: '08:00',
      endsAt: '09:00',
      slotMinutes: 30,
    });
    expect(created).toEqual({
      id: expect.any(String),
      doctorId: doctor.id,
      serviceId: service.id,
      serviceName: service.name,
      facilityId: facility.id,
      facilityName: facility.name,
      channel: 'in_person',
      weekday: 1,
      startsAt: '08:00',
      endsAt: '09:00',
      slotMinutes: 30,
      generatedSlots: 3,
    });
    // Today's 8:00 has begun (not offered), 8:30 today, both next Monday; 16 March is past the horizon.
    expect((await slotsOf(doctor.id)).map((slot) => [slot.startsAt, slot.channel, slot.facility?.id])).toEqual([
      ['2026-03-02T07:30:00.000Z', 'in_person', facility.id],
      ['2026-03-09T07:00:00.000Z', 'in_person', facility.id],
      ['2026-03-09T07:30:00.000Z', 'in_person', facility.id],
    ]);
    const listed = await kit.request<ScheduleTemplateListItem[]>(listScheduleTemplates, staff, { doctorId: doctor.id });
    const { generatedSlots, ...view } = created;
    // Every slot it made is ahead and free: all of them would go if it were deleted now.
    expect(listed).toEqual([{ ...view, upcomingFreeSlots: generatedSlots, upcomingBookedVisits: 0 }]);
  });

  it('follows Warsaw wall-clock time across the change to summer time', async () => {
    const { doctor, service } = await doctorWithService();
    // Friday 27 March 2026; summer time (UTC+2) starts on Sunday 29 March.
    kit.clock.set(new Date('2026-03-27T08:00:00Z'));
    await create({
      doctorId: doctor.id,
      serviceId: service.id,
      channel: 'video',
      weekday: 6,
      startsAt: '10:00',
      endsAt: '10:20',
      slotMinutes: 20,
    });
    expect(
      (
        await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, {
          doctorId: doctor.id,
          from: '2026-03-27T08:00:00Z',
        })
      ).map((slot) => slot.startsAt),
    ).toEqual(['2026-03-28T09:00:00.000Z', '2026-04-04T08:00:00.000Z']);
  });

  it('refuses an overlapping template of the same doctor on that weekday (SCHEDULE_OVERLAP), from the database', async () => {
    const { doctor, service } = await doctorWithService();
    const base = { doctorId: doctor.id, serviceId: service.id, channel: 'phone', weekday: 3, slotMinutes: 20 };
    await create({ ...base, startsAt: '09:00', endsAt: '12:00' });
    await expect(
      kit.failure(createScheduleTemplate, staff, { ...base, startsAt: '11:40', endsAt: '13:00' }),
    ).resolves.toMatchObject({ code: ErrorCode.SCHEDULE_OVERLAP });
    // Two staff members saving overlapping hours at the same moment: exactly one wins.
    const raced = await Promise.allSettled([
      create({ ...base, startsAt: '14:00', endsAt: '15:00' }),
      create({ ...base, startsAt: '14:30', endsAt: '15:30' }),
    ]);
    expect(raced.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(raced.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { code: ErrorCode.SCHEDULE_OVERLAP },
    });
    // Back to back, another weekday, or another doctor at the same hours: all fine.
    await create({ ...base, startsAt: '12:00', endsAt: '13:00' });
    await create({ ...base, weekday: 4, startsAt: '09:00', endsAt: '12:00' });
    const other = await kit.factory.newDoctor({ serviceIds: [service.id] });
    await create({ ...base, doctorId: other.id, startsAt: '09:00', endsAt: '12:00' });
    const listed = await kit.request<ScheduleTemplateView[]>(listScheduleTemplates, staff, { doctorId: doctor.id });
    expect(listed.map((t) => [t.weekday, t.startsAt, t.endsAt])).toEqual([
      [3, '09:00', '12:00'],
      [3, '12:00', '13:00'],
      [3, expect.stringMatching(/^14:(00|30)$/), expect.stringMatching(/^15:(00|30)$/)],
      [4, '09:00', '12:00'],
    ]);
  });

  it('checks the facility, the doctor’s services, the channel and the hours, with stable codes', async () => {
    const { doctor, service } = await doctorWithService();
    const facility = await kit.factory.newFacility();
    const phoneOnly = await kit.factory.newService({ channels: ['phone'] });
    const notOffered = await kit.factory.newService();
    await kit.dataSource.query(`INSERT INTO "booking"."doctor_services" (doctor_id, service_id) VALUES ($1, $2)`, [
      doctor.id,
      phoneOnly.id,
    ]);
    const base = phoneHours(doctor, service, 5, '09:00', '10:00');
    const fails = (data: Record<string, unknown>) => kit.failure(createScheduleTemplate, staff, { ...base, ...data });
    await expect(fails({ channel: 'in_person' })).resolves.toMatchObject({
      code: ErrorCode.SCHEDULE_FACILITY_MISMATCH,
    });
    await expect(fails({ facilityId: facility.id })).resolves.toMatchObject({
      code: ErrorCode.SCHEDULE_FACILITY_MISMATCH,
    });
    await expect(fails({ serviceId: notOffered.id })).resolves.toMatchObject({ code: ErrorCode.SERVICE_NOT_OFFERED });
    await expect(fails({ serviceId: phoneOnly.id, channel: 'video' })).resolves.toMatchObject({
      code: ErrorCode.CHANNEL_NOT_SUPPORTED,
    });
    await expect(fails({ doctorId: newActor().id })).resolves.toMatchObject({ code: ErrorCode.DOCTOR_NOT_FOUND });
    await expect(fails({ serviceId: newActor().id })).resolves.toMatchObject({ code: ErrorCode.SERVICE_NOT_FOUND });
    await expect(fails({ channel: 'in_person', facilityId: newActor().id })).resolves.toMatchObject({
      code: ErrorCode.FACILITY_NOT_FOUND,
    });
    await expect(fails({ startsAt: '10:00', endsAt: '09:00' })).resolves.toMatchObject({
      code: ErrorCode.SCHEDULE_HOURS_INVALID,
    });
    await expect(fails({ endsAt: '09:15' })).resolves.toMatchObject({ code: ErrorCode.SCHEDULE_HOURS_INVALID });
    for (const shape of [{ weekday: 8 }, { startsAt: '9:00' }, { endsAt: '24:00' }, { slotMinutes: 2 }, { extra: 1 }]) {
      await expect(fails(shape)).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    }
    // Nothing was saved along the way.
    expect(await kit.request(listScheduleTemplates, staff, { doctorId: doctor.id })).toEqual([]);
  });

  it('deletes a template: its future free slots go, a booked one stays with its visit, past ones stay', async () => {
    const { doctor, service } = await doctorWithService();
    // Mondays and Tuesdays 8:00–9:00 by phone, 20-minute slots.
    const monday = await create(phoneHours(doctor, service, 1));
    const tuesday = await create(phoneHours(doctor, service, 2));
    // Monday: 8:20 and 8:40 today, three on 9 March.
    expect(monday.generatedSlots).toBe(5);
    const slots = await slotsOf(doctor.id);
    const nextMonday = slots.find((slot) => slot.startsAt === '2026-03-09T07:20:00.000Z')!;
    const patient = newActor();
    const booked = await kit.request<AppointmentView>(Subjects.booking.createAppointment, patient, {
      slotId: nextMonday.id,
    });

    // 8:30 in Warsaw: today's 8:20 slot has started (the past is kept), 8:40 is still ahead.
    kit.clock.set(new Date(TEST_NOW.getTime() + 30 * 60 * 1000));
    // The list says beforehand what the deletion will touch (the console's question before "Usuń").
    const listed = await kit.request<ScheduleTemplateListItem[]>(listScheduleTemplates, staff, { doctorId: doctor.id });
    expect(listed.find((t) => t.id === monday.id)).toMatchObject({ upcomingFreeSlots: 3, upcomingBookedVisits: 1 });
    expect(listed.find((t) => t.id === tuesday.id)).toMatchObject({
      upcomingFreeSlots: tuesday.generatedSlots,
      upcomingBookedVisits: 0,
    });
    const removal = await kit.request<ScheduleTemplateRemoval>(deleteScheduleTemplate, staff, { id: monday.id });
    expect(removal).toEqual({ id: monday.id, removedSlots: 3, keptBookedSlots: 1 });

    const [{ count: kept }] = (await kit.dataSource.query(
      `SELECT count(*)::int AS count FROM "booking"."slots" WHERE doctor_id = $1 AND starts_at IN ($2, $3)`,
      [doctor.id, '2026-03-02T07:20:00Z', '2026-03-09T07:20:00Z'],
    )) as Array<{ count: number }>;
    expect(kept).toBe(2);
    await expect(
      kit.request<AppointmentView>(Subjects.booking.getAppointment, patient, { id: booked.id }),
    ).resolves.toMatchObject({ status: 'booked', slot: { id: nextMonday.id } });
    // Only the Tuesday template's slots are still offered; it is the one template left.
    const left = await slotsOf(doctor.id);
    expect(left.map((slot) => new Date(slot.startsAt).getUTCDay())).toEqual(Array(tuesday.generatedSlots).fill(2));
    expect(
      (await kit.request<ScheduleTemplateView[]>(listScheduleTemplates, staff, { doctorId: doctor.id })).map(
        (t) => t.id,
      ),
    ).toEqual([tuesday.id]);
    await expect(kit.failure(deleteScheduleTemplate, staff, { id: monday.id })).resolves.toMatchObject({
      code: ErrorCode.SCHEDULE_NOT_FOUND,
    });
  });

  it('does not bring a removed template’s slot back when its kept visit is cancelled afterwards', async () => {
    const { doctor, service } = await doctorWithService();
    const monday = await create(phoneHours(doctor, service, 1));
    const slot = (await slotsOf(doctor.id)).find((found) => found.startsAt === '2026-03-09T07:20:00.000Z')!;
    const patient = newActor();
    const booked = await kit.request<AppointmentView>(Subjects.booking.createAppointment, patient, { slotId: slot.id });
    await expect(
      kit.request<ScheduleTemplateRemoval>(deleteScheduleTemplate, staff, { id: monday.id }),
    ).resolves.toMatchObject({ keptBookedSlots: 1 });

    await kit.request(Subjects.booking.cancelAppointment, patient, { id: booked.id });

    expect((await slotsOf(doctor.id)).map((found) => found.id)).not.toContain(slot.id);
    await expect(
      kit.failure(Subjects.booking.createAppointment, newActor(), { slotId: slot.id }),
    ).resolves.toMatchObject({ code: ErrorCode.SLOT_NOT_FOUND });
    await expect(
      kit.request<AppointmentView>(Subjects.booking.getAppointment, patient, { id: booked.id }),
    ).resolves.toMatchObject({ status: 'cancelled', slot: { id: slot.id } });
  });

  it('offers a new template’s slots to a waiting earlier-slot alert on create', async () => {
    const { doctor, service } = await doctorWithService();
    const patient = newActor();
    await kit.request(Subjects.booking.createSlotAlert, patient, {
      serviceId: service.id,
      channel: 'phone',
      until: new Date(TEST_NOW.getTime() + 5 * DAY).toISOString(),
    });
    expect(await kit.request(Subjects.booking.listNotifications, patient, {})).toEqual([]);
    // Thursdays 12:00–12:40 by phone: 5 March 12:00 is the first new slot within the alert's window.
    await create(phoneHours(doctor, service, 4, '12:00', '12:40'));
    const told = await kit.request<NotificationView[]>(Subjects.booking.listNotifications, patient, {});
    expect(told).toEqual([
      expect.objectContaining({
        kind: 'slot_available',
        slot: expect.objectContaining({
          startsAt: '2026-03-05T11:00:00.000Z',
          doctor: expect.objectContaining({ id: doctor.id }),
        }),
      }),
    ]);
  });

  it('answers staff only: a patient is FORBIDDEN, nobody is UNAUTHENTICATED', async () => {
    const { doctor, service } = await doctorWithService();
    const data = phoneHours(doctor, service, 7, '10:00', '11:00');
    const created = await create(data);
    const patient = newActor();
    for (const [subject, payload] of [
      [listScheduleTemplates, { doctorId: doctor.id }],
      [createScheduleTemplate, { ...data, weekday: 6 }],
      [deleteScheduleTemplate, { id: created.id }],
    ] as const) {
      await expect(kit.failure(subject, patient, payload)).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
      await expect(kit.failure(subject, null, payload)).resolves.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    }
    expect(
      (await kit.request<ScheduleTemplateView[]>(listScheduleTemplates, staff, { doctorId: doctor.id })).map(
        (t) => t.id,
      ),
    ).toEqual([created.id]);
    expect((await slotsOf(doctor.id)).length).toBe(created.generatedSlots);
  });

  describe('withdrawal: a removed template leaves no bookable slot behind', () => {
    const NOBODY = '00000000-0000-0000-0000-000000000000';
    const NEXT_MONDAY_8 = '2026-03-09T07:00:00.000Z';
    const NEXT_MONDAY_820 = '2026-03-09T07:20:00.000Z';

    /** Mondays 8:00–9:00 by phone, 20-minute slots: 8:20 and 8:40 today, three on 9 March. */
    async function mondayTemplate(doctor: DoctorEntity, service: MedicalServiceEntity) {
      const template = await create(phoneHours(doctor, service, 1));
      expect(template.generatedSlots).toBe(5);
      return template;
    }

    /** A slot that carries only a cancelled visit of `patient` (booked, then cancelled by them). */
    async function withCancelledVisit(slotId: string, patient = newActor()): Promise<AppointmentView> {
      const visit = await kit.request<AppointmentView>(Subjects.booking.createAppointment, patient, { slotId });
      await kit.request(Subjects.booking.cancelAppointment, patient, { id: visit.id });
      return visit;
    }

    const withdrawnAt = async (slotId: string): Promise<Date | null | undefined> => {
      const rows = (await kit.dataSource.query(`SELECT withdrawn_at FROM "booking"."slots" WHERE id = $1`, [
        slotId,
      ])) as Array<{ withdrawn_at: Date | null }>;
      return rows[0]?.withdrawn_at;
    };

    it('withdraws a future free slot with a cancelled visit: counted as removed, never searched, booked or moved to; the history stays', async () => {
      const { doctor, service } = await doctorWithService();
      const monday = await mondayTemplate(doctor, service);
      // Tuesdays too, so a patient holds a visit of the same service to move.
      await create(phoneHours(doctor, service, 2));
      const before = await slotsOf(doctor.id);
      const withdrawing = before.find((slot) => slot.startsAt === NEXT_MONDAY_8)!;
      const historyOwner = newActor();
      const cancelled = await withCancelledVisit(withdrawing.id, historyOwner);
      const mover = newActor();
      const tuesdayVisit = await kit.request<AppointmentView>(Subjects.booking.createAppointment, mover, {
        slotId: before.find((slot) => new Date(slot.startsAt).getUTCDay() === 2)!.id,
      });
      // Still offered before the removal (the cancellation freed it).
      expect((await slotsOf(doctor.id)).map((slot) => slot.id)).toContain(withdrawing.id);

      const removal = await kit.request<ScheduleTemplateRemoval>(deleteScheduleTemplate, staff, { id: monday.id });
      // Four slots with no visit at all are deleted, the one with a cancelled visit is withdrawn: five removed.
      expect(removal).toEqual({ id: monday.id, removedSlots: 5, keptBookedSlots: 0 });
      expect(await withdrawnAt(withdrawing.id)).toEqual(TEST_NOW);

      // Not searched, by doctor or by service (the partial covering index's path).
      const byDoctor = await slotsOf(doctor.id);
      expect(byDoctor.length).toBeGreaterThan(0);
      expect(byDoctor.every((slot) => new Date(slot.startsAt).getUTCDay() === 2)).toBe(true);
      const byService = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, {
        serviceId: service.id,
        limit: 200,
      });
      expect(byService.map((slot) => slot.id)).not.toContain(withdrawing.id);
      expect(byService.length).toBe(byDoctor.length);

      // Not bookable, by a patient or by staff, and not a target to move a visit to.
      await expect(
        kit.failure(Subjects.booking.createAppointment, newActor(), { slotId: withdrawing.id }),
      ).resolves.toMatchObject({ code: ErrorCode.SLOT_NOT_FOUND });
      await expect(
        kit.failure(Subjects.booking.staffCreateAppointment, staff, {
          patientId: newActor().id,
          slotId: withdrawing.id,
          source: 'phone',
        }),
      ).resolves.toMatchObject({ code: ErrorCode.SLOT_NOT_FOUND });
      await expect(
        kit.failure(Subjects.booking.rescheduleAppointment, mover, { id: tuesdayVisit.id, slotId: withdrawing.id }),
      ).resolves.toMatchObject({ code: ErrorCode.SLOT_NOT_FOUND });
      await expect(
        kit.request<AppointmentView>(Subjects.booking.getAppointment, mover, { id: tuesdayVisit.id }),
      ).resolves.toMatchObject({ status: 'booked', slot: { id: tuesdayVisit.slot.id } });

      // The cancelled visit is still in its patient's history, on its slot; another patient does not see it.
      const history = await kit.request<AppointmentView[]>(Subjects.booking.listAppointments, historyOwner, {
        scope: 'past',
      });
      expect(history).toEqual([
        expect.objectContaining({
          id: cancelled.id,
          status: 'cancelled',
          slot: expect.objectContaining({ id: withdrawing.id, startsAt: NEXT_MONDAY_8 }),
        }),
      ]);
      await expect(kit.failure(Subjects.booking.getAppointment, mover, { id: cancelled.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
    });

    it('never offers a withdrawn slot to a waiting earlier-slot alert', async () => {
      const { doctor, service } = await doctorWithService();
      const waiting = newActor();
      const monday = await mondayTemplate(doctor, service);
      const slots = await slotsOf(doctor.id);
      const withdrawing = slots.find((slot) => slot.startsAt === NEXT_MONDAY_8)!;
      await withCancelledVisit(withdrawing.id);
      await kit.request(deleteScheduleTemplate, staff, { id: monday.id });
      expect(await withdrawnAt(withdrawing.id)).toEqual(TEST_NOW);
      await kit.request(Subjects.booking.createSlotAlert, waiting, {
        serviceId: service.id,
        channel: 'phone',
        until: new Date(TEST_NOW.getTime() + 10 * DAY).toISOString(),
      });

      // Offered as a freed slot (what a cancellation, a move or the generator does): nobody is told.
      const offers = kit.service.get(FreedSlotOffers);
      const offer = (slotId: string) =>
        kit.dataSource.transaction((tx) => offers.offer(tx, slotId, NOBODY, kit.clock.now()));
      await expect(offer(withdrawing.id)).resolves.toEqual([]);
      expect(await kit.request(Subjects.booking.listNotifications, waiting, {})).toEqual([]);

      // The same alert still takes a live slot of the same service: the withdrawal alone kept it quiet.
      const live = await kit.factory.newSlot({
        service,
        doctor,
        channel: 'phone',
        startsAt: new Date(NEXT_MONDAY_820),
      });
      await expect(offer(live.id)).resolves.toHaveLength(1);
      const told = await kit.request<NotificationView[]>(Subjects.booking.listNotifications, waiting, {});
      expect(told).toEqual([
        expect.objectContaining({ kind: 'slot_available', slot: expect.objectContaining({ id: live.id }) }),
      ]);
    });

    it('answers SLOT_NOT_FOUND, not INTERNAL, to bookings that read a slot just before its template was removed', async () => {
      const { doctor, service } = await doctorWithService();
      const monday = await mondayTemplate(doctor, service);
      const slots = await slotsOf(doctor.id);
      const deleting = slots.find((slot) => slot.startsAt === NEXT_MONDAY_8)!;
      const withdrawing = slots.find((slot) => slot.startsAt === NEXT_MONDAY_820)!;
      await withCancelledVisit(withdrawing.id);
      const [first, second] = [newActor(), newActor()];

      // Hold both patients' booking locks, so each booking reads its slot and then waits before claiming it.
      const holder = kit.dataSource.createQueryRunner();
      await holder.connect();
      let released = false;
      try {
        await holder.startTransaction();
        for (const patient of [first, second]) {
          await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended('booking:patient:' || $1, 0))`, [
            patient.id,
          ]);
        }
        // Each answers its error code, or BOOKED.
        const book = (patient: typeof first, slotId: string) =>
          kit.request(Subjects.booking.createAppointment, patient, { slotId }).then(
            () => 'BOOKED',
            (error: { code?: string }) => error.code,
          );
        const bookings = [book(first, deleting.id), book(second, withdrawing.id)];
        await waitFor(async () => {
          const [{ waiting }] = (await kit.dataSource.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          )) as Array<{ waiting: number }>;
          return waiting === 2;
        });
        // Both slots were found; now their template goes: one slot deleted, the other withdrawn.
        await expect(
          kit.request<ScheduleTemplateRemoval>(deleteScheduleTemplate, staff, { id: monday.id }),
        ).resolves.toEqual({ id: monday.id, removedSlots: 5, keptBookedSlots: 0 });
        await holder.commitTransaction();
        released = true;

        // The deleted slot is not hit through the foreign key (INTERNAL), the withdrawn one is not booked.
        await expect(Promise.all(bookings)).resolves.toEqual([ErrorCode.SLOT_NOT_FOUND, ErrorCode.SLOT_NOT_FOUND]);
      } finally {
        if (!released) await holder.rollbackTransaction();
        await holder.release();
      }
      // Nothing was booked on either slot, and neither patient holds a visit.
      const [{ booked }] = (await kit.dataSource.query(
        `SELECT count(*)::int AS booked FROM "booking"."appointments" WHERE slot_id = ANY ($1) AND status = 'booked'`,
        [[deleting.id, withdrawing.id]],
      )) as Array<{ booked: number }>;
      expect(booked).toBe(0);
      for (const patient of [first, second]) {
        expect(await kit.request(Subjects.booking.listAppointments, patient, { scope: 'upcoming' })).toEqual([]);
      }
    });

    describe('recreating a removed template', () => {
      const NEXT_MONDAY_840 = '2026-03-09T07:40:00.000Z';
      const liveSlotsAt = async (doctorId: string, startsAt: string) =>
        (await slotsOf(doctorId)).filter((slot) => slot.startsAt === startsAt);
      const slotRows = (doctorId: string) =>
        kit.dataSource.query(
          `SELECT id, starts_at, ends_at, withdrawn_at FROM "booking"."slots" WHERE doctor_id = $1 ORDER BY starts_at, id`,
          [doctorId],
        ) as Promise<Array<{ id: string; starts_at: Date; ends_at: Date; withdrawn_at: Date | null }>>;

      /** Monday's template removed with 8:00 holding a cancelled visit, 8:20 a booked one and 8:40 nothing. */
      async function removedMonday() {
        const { doctor, service } = await doctorWithService();
        const monday = await mondayTemplate(doctor, service);
        const slots = await slotsOf(doctor.id);
        const cancelledSlot = slots.find((slot) => slot.startsAt === NEXT_MONDAY_8)!;
        const bookedSlot = slots.find((slot) => slot.startsAt === NEXT_MONDAY_820)!;
        const cancelled = await withCancelledVisit(cancelledSlot.id);
        const patient = newActor();
        const booked = await kit.request<AppointmentView>(Subjects.booking.createAppointment, patient, {
          slotId: bookedSlot.id,
        });
        await expect(
          kit.request<ScheduleTemplateRemoval>(deleteScheduleTemplate, staff, { id: monday.id }),
        ).resolves.toEqual({ id: monday.id, removedSlots: 4, keptBookedSlots: 1 });
        const withdrawn = (await slotRows(doctor.id)).filter((row) => row.withdrawn_at !== null);
        expect(withdrawn.map((row) => row.id).sort()).toEqual([cancelledSlot.id, bookedSlot.id].sort());
        return { doctor, service, cancelledSlot, bookedSlot, cancelled, booked, patient, withdrawn };
      }

      it('fills every time again except one whose withdrawn slot still holds a booked visit', async () => {
        const { doctor, service, cancelledSlot, bookedSlot, booked, patient, withdrawn } = await removedMonday();

        // The same template again: today's 8:20 and 8:40, and on 9 March 8:00 (only a cancelled visit there) and
        // 8:40 (nothing there), but not 8:20, where the doctor still sees a patient.
        const again = await create(phoneHours(doctor, service, 1));
        expect(again.generatedSlots).toBe(4);
        const [fresh] = await liveSlotsAt(doctor.id, NEXT_MONDAY_8);
        expect(fresh).toBeDefined();
        expect(fresh!.id).not.toBe(cancelledSlot.id);
        expect(await liveSlotsAt(doctor.id, NEXT_MONDAY_840)).toHaveLength(1);
        expect(await liveSlotsAt(doctor.id, NEXT_MONDAY_820)).toEqual([]);
        const [{ count: at820 }] = (await kit.dataSource.query(
          `SELECT count(*)::int AS count FROM "booking"."slots" WHERE doctor_id = $1 AND starts_at = $2`,
          [doctor.id, NEXT_MONDAY_820],
        )) as Array<{ count: number }>;
        expect(at820).toBe(1);

        // The new 8:00 slot is searched by service too, and bookable; the old one stays withdrawn.
        const byService = await kit.request<SlotView[]>(Subjects.booking.searchSlots, null, {
          serviceId: service.id,
          limit: 200,
        });
        expect(byService.map((slot) => slot.id)).toContain(fresh!.id);
        const visit = await kit.request<AppointmentView>(Subjects.booking.createAppointment, newActor(), {
          slotId: fresh!.id,
        });
        expect(visit).toMatchObject({ status: 'booked', slot: { id: fresh!.id, startsAt: NEXT_MONDAY_8 } });
        await expect(
          kit.failure(Subjects.booking.createAppointment, newActor(), { slotId: cancelledSlot.id }),
        ).resolves.toMatchObject({ code: ErrorCode.SLOT_NOT_FOUND });

        // The booked visit is untouched, and no withdrawn slot was revived or rewritten.
        await expect(
          kit.request<AppointmentView>(Subjects.booking.getAppointment, patient, { id: booked.id }),
        ).resolves.toMatchObject({ status: 'booked', slot: { id: bookedSlot.id, startsAt: NEXT_MONDAY_820 } });
        const after = await slotRows(doctor.id);
        for (const old of withdrawn) expect(after.find((row) => row.id === old.id)).toEqual(old);
      });

      it('does not overlap a booked withdrawn slot with slots of another length, and fills the time once it is cancelled', async () => {
        const { doctor, service, bookedSlot, booked, patient, withdrawn } = await removedMonday();

        // Mondays 8:00–9:00 in 30-minute slots: on 9 March both 8:00–8:30 and 8:30–9:00 overlap the booked 8:20–8:40.
        const longer = await create({ ...phoneHours(doctor, service, 1), slotMinutes: 30 });
        expect(longer.generatedSlots).toBe(1); // today's 8:30 only
        const nextMonday = (await slotsOf(doctor.id)).filter((slot) => slot.startsAt.startsWith('2026-03-09'));
        expect(nextMonday).toEqual([]);

        // The visit is cancelled; the hourly job (the same generation path) fills the doctor's time.
        await kit.request(Subjects.booking.cancelAppointment, patient, { id: booked.id });
        await kit.service.get(SlotGenerationService).run();
        const filled = (await slotsOf(doctor.id)).filter((slot) => slot.startsAt.startsWith('2026-03-09'));
        expect(filled.map((slot) => [slot.startsAt, slot.endsAt])).toEqual([
          ['2026-03-09T07:00:00.000Z', '2026-03-09T07:30:00.000Z'],
          ['2026-03-09T07:30:00.000Z', '2026-03-09T08:00:00.000Z'],
        ]);
        expect(filled.map((slot) => slot.id)).not.toContain(bookedSlot.id);
        const after = await slotRows(doctor.id);
        for (const old of withdrawn) expect(after.find((row) => row.id === old.id)).toEqual(old);
      });
    });
  });
});

/** Polls `condition` every 20 ms until it holds; fails after 5 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
