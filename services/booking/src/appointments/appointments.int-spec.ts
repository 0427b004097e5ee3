import {
  BASIC_ACTIVE_APPOINTMENT_LIMIT,
  ErrorCode,
  Subjects,
  type Actor,
  type AppointmentView,
  type CancelResult,
  type SlotView,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import type { SlotEntity } from '../slots/slot.entity';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';
import { AppointmentsService } from './appointments.service';

const { createAppointment, listAppointments, getAppointment, cancelAppointment, searchSlots } = Subjects.booking;

describe('appointments over the bus', () => {
  let kit: BookingTestKit;
  let consultation: MedicalServiceEntity;

  const book = (actor: Actor, data: Record<string, unknown>, key?: string) =>
    kit.request<AppointmentView>(createAppointment, actor, data, key);
  const list = (actor: Actor, scope?: 'upcoming' | 'past') =>
    kit.request<AppointmentView[]>(listAppointments, actor, scope ? { scope } : {});
  const cancel = (actor: Actor, id: string, key?: string) =>
    kit.request<CancelResult>(cancelAppointment, actor, { id }, key);
  const freeSlotIds = async (service: MedicalServiceEntity) =>
    (await kit.request<SlotView[]>(searchSlots, null, { serviceId: service.id, limit: 200 })).map((slot) => slot.id);
  /** `count` slots of the consultation, an hour apart from `start` (default: tomorrow). */
  const newSlots = async (count: number, start = new Date(TEST_NOW.getTime() + DAY)) => {
    const doctor = await kit.factory.newDoctor({ serviceIds: [consultation.id] });
    const facility = await kit.factory.newFacility();
    const created: SlotEntity[] = [];
    for (let i = 0; i < count; i++) {
      created.push(
        await kit.factory.newSlot({
          service: consultation,
          doctor,
          facility,
          startsAt: new Date(start.getTime() + i * HOUR),
        }),
      );
    }
    return created;
  };
  const countAppointments = async (where: string, params: unknown[]) =>
    Number(
      (
        (await kit.dataSource.query(`SELECT count(*) AS n FROM "booking"."appointments" WHERE ${where}`, params)) as [
          { n: string },
        ]
      )[0].n,
    );
  const codesOf = (outcomes: PromiseSettledResult<unknown>[]) =>
    outcomes.map((outcome) => (outcome.status === 'fulfilled' ? 'OK' : (outcome.reason as { code: string }).code));

  beforeAll(async () => {
    kit = await startBooking();
    consultation = await kit.factory.newService({ name: 'Konsultacja internistyczna' });
  });
  afterAll(() => kit.close());

  describe('booking', () => {
    it('books a free slot for the patient; it shows in upcoming and leaves the search', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const appointment = await book(patient, { slotId: slot!.id });
      expect(appointment).toEqual({
        id: expect.any(String),
        status: 'booked',
        source: 'portal',
        bookedAt: TEST_NOW.toISOString(),
        cancelledAt: null,
        replacedBy: null,
        slot: expect.objectContaining({ id: slot!.id, startsAt: slot!.startsAt.toISOString(), channel: 'in_person' }),
      });
      expect(await list(patient, 'upcoming')).toEqual([appointment]);
      expect(await list(patient)).toEqual([appointment]);
      await expect(kit.request(getAppointment, patient, { id: appointment.id })).resolves.toEqual(appointment);
      expect(await freeSlotIds(consultation)).not.toContain(slot!.id);
    });

    it('gives exactly one of 20 simultaneous bookings of a slot; the others get SLOT_TAKEN', async () => {
      const [slot] = await newSlots(1);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () => book(newActor({ level: 'full' }), { slotId: slot!.id })),
      );
      const codes = codesOf(outcomes);
      expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
      expect(codes.filter((code) => code === ErrorCode.SLOT_TAKEN)).toHaveLength(19);
      expect(await countAppointments(`slot_id = $1`, [slot!.id])).toBe(1);
    });

    it('answers SLOT_TAKEN to a second patient, and to the same patient booking twice', async () => {
      const [slot] = await newSlots(1);
      const first = newActor();
      await book(first, { slotId: slot!.id });
      await expect(kit.failure(createAppointment, newActor(), { slotId: slot!.id })).resolves.toMatchObject({
        code: ErrorCode.SLOT_TAKEN,
      });
      await expect(kit.failure(createAppointment, first, { slotId: slot!.id })).resolves.toMatchObject({
        code: ErrorCode.SLOT_TAKEN,
      });
    });

    it(`lets a basic account hold at most ${BASIC_ACTIVE_APPOINTMENT_LIMIT} active visits, even booking 12 at once`, async () => {
      const patient = newActor({ level: 'basic' });
      const slots = await newSlots(12);
      const codes = codesOf(await Promise.allSettled(slots.map((slot) => book(patient, { slotId: slot.id }))));
      expect(codes.filter((code) => code === 'OK')).toHaveLength(BASIC_ACTIVE_APPOINTMENT_LIMIT);
      expect(codes.filter((code) => code === ErrorCode.BOOKING_LIMIT_REACHED)).toHaveLength(2);
      expect(await list(patient)).toHaveLength(BASIC_ACTIVE_APPOINTMENT_LIMIT);
      expect(await countAppointments(`patient_id = $1`, [patient.id])).toBe(BASIC_ACTIVE_APPOINTMENT_LIMIT);
    });

    it('frees a place under the limit when a visit is cancelled or over', async () => {
      const patient = newActor({ level: 'basic' });
      const soon = await newSlots(10, new Date(TEST_NOW.getTime() + 2 * HOUR));
      const later = await newSlots(2, new Date(TEST_NOW.getTime() + 3 * DAY));
      const booked = [];
      for (const slot of soon) booked.push(await book(patient, { slotId: slot.id }));
      await expect(kit.failure(createAppointment, patient, { slotId: later[0]!.id })).resolves.toMatchObject({
        code: ErrorCode.BOOKING_LIMIT_REACHED,
      });
      await cancel(patient, booked[9]!.id);
      await book(patient, { slotId: later[0]!.id });
      // The first visit (2:00–2:20 from now) is over an hour later: it no longer counts.
      kit.clock.set(new Date(TEST_NOW.getTime() + 2 * HOUR + 30 * 60 * 1000));
      try {
        await expect(book(patient, { slotId: later[1]!.id })).resolves.toMatchObject({ status: 'booked' });
      } finally {
        kit.clock.set(TEST_NOW);
      }
    });

    it('puts no limit on a full account', async () => {
      const patient = newActor({ level: 'full' });
      const slots = await newSlots(12);
      const codes = codesOf(await Promise.allSettled(slots.map((slot) => book(patient, { slotId: slot.id }))));
      expect(codes).toEqual(Array(12).fill('OK'));
    });

    it('asks a basic account to confirm its identity for a closed service or a video visit (VERIFICATION_REQUIRED)', async () => {
      const closed = await kit.factory.newService({ name: 'USG jamy brzusznej', kind: 'test', basicAllowed: false });
      const closedSlot = await kit.factory.newSlot({ service: closed });
      const videoSlot = await kit.factory.newSlot({ service: consultation, channel: 'video' });
      for (const slot of [closedSlot, videoSlot]) {
        await expect(kit.failure(createAppointment, newActor(), { slotId: slot.id })).resolves.toMatchObject({
          code: ErrorCode.VERIFICATION_REQUIRED,
        });
      }
      await expect(book(newActor({ level: 'full' }), { slotId: closedSlot.id })).resolves.toMatchObject({
        status: 'booked',
      });
      await expect(book(newActor({ level: 'full' }), { slotId: videoSlot.id })).resolves.toMatchObject({
        slot: expect.objectContaining({ channel: 'video', facility: null }),
      });
    });

    it('requires a referral for rehabilitation (REFERRAL_REQUIRED); with one but no consultations answering: SERVICE_UNAVAILABLE', async () => {
      const rehabilitation = await kit.factory.newService({
        name: 'Kinezyterapia',
        kind: 'rehabilitation',
        basicAllowed: false,
      });
      const slot = await kit.factory.newSlot({ service: rehabilitation });
      const patient = newActor({ level: 'full' });
      await expect(kit.failure(createAppointment, patient, { slotId: slot.id })).resolves.toMatchObject({
        code: ErrorCode.REFERRAL_REQUIRED,
      });
      // Nobody answers for referrals here (consultations is not running): the referral may be fine, so this
      // is an outage (503), not the patient's missing referral — and no appointment is made without a session.
      await expect(
        kit.failure(createAppointment, patient, { slotId: slot.id, referralId: randomUUID() }),
      ).resolves.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
      expect(await countAppointments(`slot_id = $1`, [slot.id])).toBe(0);
    });

    it("requires the employer's referral for occupational medicine, and books with it (basic accounts too)", async () => {
      const occupational = await kit.factory.newService({
        name: 'Badanie medycyny pracy — wstępne',
        kind: 'occupational',
        channels: ['in_person'],
      });
      const slot = await kit.factory.newSlot({ service: occupational });
      const patient = newActor({ level: 'basic' });
      await expect(kit.failure(createAppointment, patient, { slotId: slot.id })).resolves.toMatchObject({
        code: ErrorCode.OCCUPATIONAL_REFERRAL_REQUIRED,
      });
      await expect(
        kit.failure(createAppointment, patient, {
          slotId: slot.id,
          occupationalReferral: { employer: 'Budimex S.A.', position: '' },
        }),
      ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
      const referral = { employer: 'Budimex S.A.', position: 'Operator koparki', referralNumber: 'MP/2026/0042' };
      const appointment = await book(patient, { slotId: slot.id, occupationalReferral: referral });
      expect(appointment.status).toBe('booked');
      const [stored] = (await kit.dataSource.query(
        `SELECT occupational_employer, occupational_position, occupational_referral_number
           FROM "booking"."appointments" WHERE id = $1`,
        [appointment.id],
      )) as Array<Record<string, string>>;
      expect(stored).toEqual({
        occupational_employer: 'Budimex S.A.',
        occupational_position: 'Operator koparki',
        occupational_referral_number: 'MP/2026/0042',
      });
    });

    it('answers SLOT_NOT_FOUND for an unknown slot and SLOT_IN_PAST for one that has started', async () => {
      await expect(kit.failure(createAppointment, newActor(), { slotId: randomUUID() })).resolves.toMatchObject({
        code: ErrorCode.SLOT_NOT_FOUND,
      });
      const started = await kit.factory.newSlot({
        service: consultation,
        startsAt: new Date(TEST_NOW.getTime() - 5 * 60 * 1000),
      });
      await expect(kit.failure(createAppointment, newActor(), { slotId: started.id })).resolves.toMatchObject({
        code: ErrorCode.SLOT_IN_PAST,
      });
    });

    it('needs a signed-in patient and takes the patient from the actor, never from the request', async () => {
      const [slot] = await newSlots(1);
      await expect(kit.failure(createAppointment, null, { slotId: slot!.id })).resolves.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
      });
      await expect(
        kit.failure(createAppointment, newActor({ roles: ['staff'] }), { slotId: slot!.id }),
      ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
      await expect(
        kit.failure(createAppointment, newActor(), { slotId: slot!.id, patientId: randomUUID() }),
      ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
      await expect(kit.failure(createAppointment, newActor(), { slotId: 'not-a-uuid' })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
      expect(await countAppointments(`slot_id = $1`, [slot!.id])).toBe(0);
    });
  });

  describe('idempotency', () => {
    it('answers a repeated request with the same key with the first result and books once', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const key = randomUUID();
      const first = await book(patient, { slotId: slot!.id }, key);
      const repeat = await book(patient, { slotId: slot!.id }, key);
      expect(repeat).toEqual(first);
      expect(await countAppointments(`patient_id = $1`, [patient.id])).toBe(1);
    });

    it('books once when the same request and key arrive together', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 5 }, () => book(patient, { slotId: slot!.id }, key)));
      expect(new Set(results.map((result) => result.id)).size).toBe(1);
      expect(await countAppointments(`patient_id = $1`, [patient.id])).toBe(1);
    });

    it('refuses the same key with a different body (IDEMPOTENCY_KEY_REUSED), but not for another patient', async () => {
      const patient = newActor();
      const [a, b] = await newSlots(2);
      const key = randomUUID();
      await book(patient, { slotId: a!.id }, key);
      await expect(kit.failure(createAppointment, patient, { slotId: b!.id }, key)).resolves.toMatchObject({
        code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
      });
      await expect(book(newActor(), { slotId: b!.id }, key)).resolves.toMatchObject({ status: 'booked' });
    });

    it('does not remember failures: after SLOT_TAKEN is resolved the same key may book', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const holder = newActor();
      const held = await book(holder, { slotId: slot!.id });
      const key = randomUUID();
      await expect(kit.failure(createAppointment, patient, { slotId: slot!.id }, key)).resolves.toMatchObject({
        code: ErrorCode.SLOT_TAKEN,
      });
      await cancel(holder, held.id);
      await expect(book(patient, { slotId: slot!.id }, key)).resolves.toMatchObject({ status: 'booked' });
    });

    it('answers a repeated cancel with the same key with the first result', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const appointment = await book(patient, { slotId: slot!.id });
      const key = randomUUID();
      const first = await cancel(patient, appointment.id, key);
      await expect(cancel(patient, appointment.id, key)).resolves.toEqual(first);
      await expect(kit.failure(cancelAppointment, patient, { id: appointment.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_CANCELLABLE,
      });
    });
  });

  describe('someone else’s appointment', () => {
    it('is NOT_FOUND to get and to cancel, and absent from the list', async () => {
      const owner = newActor();
      const stranger = newActor({ level: 'full' });
      const [slot] = await newSlots(1);
      const appointment = await book(owner, { slotId: slot!.id });
      await expect(kit.failure(getAppointment, stranger, { id: appointment.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      await expect(kit.failure(cancelAppointment, stranger, { id: appointment.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      expect(await list(stranger)).toEqual([]);
      await expect(kit.request(getAppointment, owner, { id: appointment.id })).resolves.toMatchObject({
        status: 'booked',
      });
    });

    it('is NOT_FOUND for an id that does not exist', async () => {
      await expect(kit.failure(getAppointment, newActor(), { id: randomUUID() })).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      await expect(kit.failure(cancelAppointment, newActor(), { id: randomUUID() })).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
    });
  });

  describe('cancelling', () => {
    it('cancels a portal booking before it starts and frees the slot at once', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const appointment = await book(patient, { slotId: slot!.id });
      expect(await freeSlotIds(consultation)).not.toContain(slot!.id);

      await expect(cancel(patient, appointment.id)).resolves.toEqual({ id: appointment.id, status: 'cancelled' });

      expect(await freeSlotIds(consultation)).toContain(slot!.id);
      expect(await list(patient, 'upcoming')).toEqual([]);
      expect(await list(patient, 'past')).toEqual([
        expect.objectContaining({ id: appointment.id, status: 'cancelled', cancelledAt: TEST_NOW.toISOString() }),
      ]);
      await expect(book(newActor(), { slotId: slot!.id })).resolves.toMatchObject({ status: 'booked' });
    });

    it('refuses to cancel twice (NOT_CANCELLABLE)', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const appointment = await book(patient, { slotId: slot!.id });
      await cancel(patient, appointment.id);
      await expect(kit.failure(cancelAppointment, patient, { id: appointment.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_CANCELLABLE,
      });
    });

    it('refuses once the visit has started (NOT_CANCELLABLE)', async () => {
      const patient = newActor();
      const [slot] = await newSlots(1);
      const appointment = await book(patient, { slotId: slot!.id });
      kit.clock.set(slot!.startsAt);
      try {
        await expect(kit.failure(cancelAppointment, patient, { id: appointment.id })).resolves.toMatchObject({
          code: ErrorCode.NOT_CANCELLABLE,
        });
      } finally {
        kit.clock.set(TEST_NOW);
      }
      await expect(kit.request(getAppointment, patient, { id: appointment.id })).resolves.toMatchObject({
        status: 'booked',
      });
    });

    it('refuses visits booked by phone or at a facility (NOT_CANCELLABLE), which the patient still sees', async () => {
      const patient = newActor();
      const staff = newActor({ roles: ['staff'] });
      const staffBookings = kit.service.get(AppointmentsService);
      const [bySlot, atSlot] = await newSlots(2);
      const byPhone = await staffBookings.createForPatient({
        patientId: patient.id,
        slotId: bySlot!.id,
        source: 'phone',
        bookedBy: staff.id,
      });
      const atFacility = await staffBookings.createForPatient({
        patientId: patient.id,
        slotId: atSlot!.id,
        source: 'facility',
        bookedBy: staff.id,
      });
      expect((await list(patient)).map((appointment) => appointment.source)).toEqual(['phone', 'facility']);
      for (const appointment of [byPhone, atFacility]) {
        await expect(kit.failure(cancelAppointment, patient, { id: appointment.id })).resolves.toMatchObject({
          code: ErrorCode.NOT_CANCELLABLE,
        });
      }
      expect(await freeSlotIds(consultation)).not.toContain(bySlot!.id);
    });
  });

  describe('listing', () => {
    it('shows upcoming visits soonest first and past ones (over, cancelled) newest first', async () => {
      const patient = newActor({ level: 'full' });
      const [first, second, third, fourth] = await newSlots(4);
      const a = await book(patient, { slotId: fourth!.id });
      const b = await book(patient, { slotId: first!.id });
      const c = await book(patient, { slotId: third!.id });
      const d = await book(patient, { slotId: second!.id });
      expect((await list(patient, 'upcoming')).map((x) => x.id)).toEqual([b.id, d.id, c.id, a.id]);
      expect(await list(patient, 'past')).toEqual([]);

      await cancel(patient, a.id);
      // Two hours after the first slot started: first and second are over.
      kit.clock.set(new Date(first!.startsAt.getTime() + 2 * HOUR - 1));
      try {
        expect((await list(patient, 'upcoming')).map((x) => x.id)).toEqual([c.id]);
        expect((await list(patient, 'past')).map((x) => [x.id, x.status])).toEqual([
          [a.id, 'cancelled'],
          [d.id, 'booked'],
          [b.id, 'booked'],
        ]);
      } finally {
        kit.clock.set(TEST_NOW);
      }
    });

    it('refuses an unknown scope (VALIDATION_FAILED) and an anonymous caller (UNAUTHENTICATED)', async () => {
      await expect(kit.failure(listAppointments, newActor(), { scope: 'all' })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
      await expect(kit.failure(listAppointments, null, {})).resolves.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
      });
    });
  });

  it('lists one patient’s visits to staff, planned first and then the history, and to nobody else', async () => {
    const patient = newActor();
    const [first, second, third] = await newSlots(3);
    const later = await book(patient, { slotId: third!.id });
    const sooner = await book(patient, { slotId: first!.id });
    const cancelled = await book(patient, { slotId: second!.id });
    await cancel(patient, cancelled.id);
    await book(newActor(), { slotId: second!.id });
    const staff = newActor({ roles: ['staff'], level: 'full' });
    const { staffPatientAppointments } = Subjects.booking;

    const listed = await kit.request<AppointmentView[]>(staffPatientAppointments, staff, { patientId: patient.id });
    expect(listed.map((visit) => [visit.id, visit.status])).toEqual([
      [sooner.id, 'booked'],
      [later.id, 'booked'],
      [cancelled.id, 'cancelled'],
    ]);
    await expect(kit.request(staffPatientAppointments, staff, { patientId: randomUUID() })).resolves.toEqual([]);

    for (const actor of [patient, newActor({ roles: ['doctor'], level: 'full' })]) {
      await expect(kit.request(staffPatientAppointments, actor, { patientId: patient.id })).rejects.toMatchObject({
        code: ErrorCode.FORBIDDEN,
      });
    }
    await expect(kit.request(staffPatientAppointments, null, { patientId: patient.id })).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
    await expect(
      kit.request(staffPatientAppointments, staff, { patientId: '\u0000'.repeat(5000) }),
    ).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });
});
