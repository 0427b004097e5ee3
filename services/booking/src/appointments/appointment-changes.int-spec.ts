import {
  ErrorCode,
  Subjects,
  type Actor,
  type AppointmentCalendar,
  type AppointmentView,
  type SlotView,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import type { DoctorEntity } from '../catalog/doctor.entity';
import type { FacilityEntity } from '../catalog/facility.entity';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';

const {
  createAppointment,
  cancelAppointment,
  rescheduleAppointment,
  listAppointments,
  appointmentCalendar,
  staffCreateAppointment,
  searchSlots,
} = Subjects.booking;
const MINUTE = 60 * 1000;

describe('overlaps, staff bookings, moving a visit and its calendar file', () => {
  let kit: BookingTestKit;
  let consultation: MedicalServiceEntity;
  let doctor: DoctorEntity;
  let facility: FacilityEntity;
  let otherDoctor: DoctorEntity;
  let nextStart = TEST_NOW.getTime() + 2 * DAY;

  const book = (actor: Actor, slotId: string, key?: string) =>
    kit.request<AppointmentView>(createAppointment, actor, { slotId }, key);
  const move = (actor: Actor, id: string, slotId: string, key?: string) =>
    kit.request<AppointmentView>(rescheduleAppointment, actor, { id, slotId }, key);
  /** A slot of the consultation; each call without `startsAt` gets a fresh hour of its own. */
  const slot = (overrides: { startsAt?: Date; doctor?: DoctorEntity; minutes?: number } = {}) => {
    const startsAt = overrides.startsAt ?? new Date((nextStart += 3 * HOUR));
    return kit.factory.newSlot({
      service: consultation,
      doctor: overrides.doctor ?? doctor,
      facility,
      startsAt,
      minutes: overrides.minutes,
    });
  };
  const free = async () =>
    (await kit.request<SlotView[]>(searchSlots, null, { serviceId: consultation.id, limit: 200 })).map((s) => s.id);
  const booked = async (patientId: string) =>
    (await kit.dataSource.query(
      `SELECT slot_id FROM "booking"."appointments" WHERE patient_id = $1 AND status = 'booked' ORDER BY starts_at`,
      [patientId],
    )) as Array<{ slot_id: string }>;

  beforeAll(async () => {
    kit = await startBooking();
    consultation = await kit.factory.newService({ name: 'Konsultacja kardiologiczna' });
    doctor = await kit.factory.newDoctor({ name: 'lek. Anna Nowak', serviceIds: [consultation.id] });
    otherDoctor = await kit.factory.newDoctor({ name: 'lek. Piotr Zieliński', serviceIds: [consultation.id] });
    facility = await kit.factory.newFacility({ name: 'Centrum Medyczne Mokotów', address: 'ul. Puławska 1, Warszawa' });
  });
  afterAll(() => kit.close());

  describe('overlapping visits', () => {
    it('refuses a second visit that overlaps one the patient holds (APPOINTMENT_OVERLAP), even at another doctor', async () => {
      const patient = newActor({ level: 'full' });
      const first = await slot({ minutes: 30 });
      const overlapping = await slot({
        startsAt: new Date(first.startsAt.getTime() + 20 * MINUTE),
        doctor: otherDoctor,
      });
      const adjacent = await slot({
        startsAt: new Date(first.startsAt.getTime() + 30 * MINUTE),
        doctor: otherDoctor,
        minutes: 20,
      });
      await book(patient, first.id);
      await expect(kit.failure(createAppointment, patient, { slotId: overlapping.id })).resolves.toMatchObject({
        code: ErrorCode.APPOINTMENT_OVERLAP,
      });
      // Back to back is not an overlap, and another patient may take the overlapping slot.
      await expect(book(patient, adjacent.id)).resolves.toMatchObject({ status: 'booked' });
      await expect(book(newActor(), overlapping.id)).resolves.toMatchObject({ status: 'booked' });
    });

    it('lets only one of two simultaneous overlapping bookings through', async () => {
      const patient = newActor({ level: 'full' });
      const a = await slot({ minutes: 30 });
      const b = await slot({ startsAt: new Date(a.startsAt.getTime() + 10 * MINUTE), doctor: otherDoctor });
      const outcomes = await Promise.allSettled([book(patient, a.id), book(patient, b.id)]);
      const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'OK' : (o.reason as { code: string }).code)).sort();
      expect(codes).toEqual(['APPOINTMENT_OVERLAP', 'OK']);
      expect(await booked(patient.id)).toHaveLength(1);
    });

    it('allows the time again once the overlapping visit is cancelled', async () => {
      const patient = newActor();
      const a = await slot();
      const b = await slot({ startsAt: a.startsAt, doctor: otherDoctor });
      const first = await book(patient, a.id);
      await kit.request(cancelAppointment, patient, { id: first.id });
      await expect(book(patient, b.id)).resolves.toMatchObject({ status: 'booked' });
    });
  });

  describe('staff bookings', () => {
    it('lets staff book a phone or facility visit for a patient, which the patient sees but cannot cancel', async () => {
      const patient = newActor();
      const staff = newActor({ roles: ['staff'] });
      const target = await slot();
      const created = await kit.request<AppointmentView>(staffCreateAppointment, staff, {
        patientId: patient.id,
        slotId: target.id,
        source: 'phone',
      });
      expect(created).toMatchObject({
        status: 'booked',
        source: 'phone',
        slot: expect.objectContaining({ id: target.id }),
      });
      expect(await kit.request<AppointmentView[]>(listAppointments, patient, {})).toEqual([created]);
      await expect(kit.failure(cancelAppointment, patient, { id: created.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_CANCELLABLE,
      });
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: created.id, slotId: (await slot()).id }),
      ).resolves.toMatchObject({
        code: ErrorCode.NOT_CANCELLABLE,
      });
      const [row] = (await kit.dataSource.query(`SELECT booked_by FROM "booking"."appointments" WHERE id = $1`, [
        created.id,
      ])) as Array<{ booked_by: string }>;
      expect(row!.booked_by).toBe(staff.id);
    });

    it('is for staff only: a patient gets FORBIDDEN, anonymous UNAUTHENTICATED; source must be phone or facility', async () => {
      const target = await slot();
      const data = { patientId: randomUUID(), slotId: target.id, source: 'facility' };
      await expect(kit.failure(staffCreateAppointment, newActor(), data)).resolves.toMatchObject({
        code: ErrorCode.FORBIDDEN,
      });
      await expect(kit.failure(staffCreateAppointment, null, data)).resolves.toMatchObject({
        code: ErrorCode.UNAUTHENTICATED,
      });
      await expect(
        kit.failure(staffCreateAppointment, newActor({ roles: ['staff'] }), { ...data, source: 'portal' }),
      ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
      expect(await free()).toContain(target.id);
    });

    it('keeps staff bookings to the same rules: taken slot, overlap', async () => {
      const patient = newActor();
      const staff = newActor({ roles: ['staff'] });
      const a = await slot();
      const b = await slot({ startsAt: a.startsAt, doctor: otherDoctor });
      await book(newActor(), a.id);
      await expect(
        kit.failure(staffCreateAppointment, staff, { patientId: patient.id, slotId: a.id, source: 'phone' }),
      ).resolves.toMatchObject({ code: ErrorCode.SLOT_TAKEN });
      await book(patient, b.id);
      const c = await slot({
        startsAt: a.startsAt,
        doctor: await kit.factory.newDoctor({ serviceIds: [consultation.id] }),
      });
      await expect(
        kit.failure(staffCreateAppointment, staff, { patientId: patient.id, slotId: c.id, source: 'facility' }),
      ).resolves.toMatchObject({ code: ErrorCode.APPOINTMENT_OVERLAP });
    });
  });

  describe('moving a visit', () => {
    it('moves to another free slot in one step: the old slot is free at once, the patient holds only the new one', async () => {
      const patient = newActor();
      const [from, to] = [await slot(), await slot()];
      const appointment = await book(patient, from.id);
      const moved = await move(patient, appointment.id, to.id);
      expect(moved).toMatchObject({ status: 'booked', source: 'portal', slot: expect.objectContaining({ id: to.id }) });
      expect(moved.id).not.toBe(appointment.id);
      expect(await booked(patient.id)).toEqual([{ slot_id: to.id }]);
      expect(await free()).toContain(from.id);
      expect(await free()).not.toContain(to.id);
      const upcoming = await kit.request<AppointmentView[]>(listAppointments, patient, { scope: 'upcoming' });
      expect(upcoming.map((a) => a.id)).toEqual([moved.id]);
      const past = await kit.request<AppointmentView[]>(listAppointments, patient, { scope: 'past' });
      expect(past).toEqual([
        expect.objectContaining({ id: appointment.id, status: 'cancelled', replacedBy: moved.id }),
      ]);
      expect(moved.replacedBy).toBeNull();
    });

    it('may move to an overlapping slot (the old visit does not count against the new one)', async () => {
      const patient = newActor();
      const from = await slot({ minutes: 30 });
      const to = await slot({ startsAt: new Date(from.startsAt.getTime() + 10 * MINUTE), doctor: otherDoctor });
      const appointment = await book(patient, from.id);
      await expect(move(patient, appointment.id, to.id)).resolves.toMatchObject({
        slot: expect.objectContaining({ id: to.id }),
      });
    });

    it('keeps the old visit when the new slot is taken (SLOT_TAKEN) or clashes with another visit (APPOINTMENT_OVERLAP)', async () => {
      const patient = newActor();
      const [from, taken, clash] = [await slot(), await slot(), await slot()];
      const appointment = await book(patient, from.id);
      await book(newActor(), taken.id);
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: taken.id }),
      ).resolves.toMatchObject({
        code: ErrorCode.SLOT_TAKEN,
      });
      await book(patient, clash.id);
      const clashing = await slot({ startsAt: clash.startsAt, doctor: otherDoctor });
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: clashing.id }),
      ).resolves.toMatchObject({ code: ErrorCode.APPOINTMENT_OVERLAP });
      expect(await booked(patient.id)).toEqual([{ slot_id: from.id }, { slot_id: clash.id }]);
      expect(await free()).not.toContain(from.id);
    });

    it('gives exactly one of 10 simultaneous moves into one slot; every loser keeps their visit', async () => {
      const target = await slot();
      const patients = Array.from({ length: 10 }, () => newActor({ level: 'full' }));
      const originals = await Promise.all(patients.map(async (p) => book(p, (await slot()).id)));
      const outcomes = await Promise.allSettled(patients.map((p, i) => move(p, originals[i]!.id, target.id)));
      const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'OK' : (o.reason as { code: string }).code));
      expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
      expect(codes.filter((c) => c === ErrorCode.SLOT_TAKEN)).toHaveLength(9);
      for (const patient of patients) expect(await booked(patient.id)).toHaveLength(1);
    });

    it('answers a repeated move with the same Idempotency-Key with the first result, changing nothing', async () => {
      const patient = newActor();
      const [from, to] = [await slot(), await slot()];
      const appointment = await book(patient, from.id);
      const key = randomUUID();
      const first = await move(patient, appointment.id, to.id, key);
      await expect(move(patient, appointment.id, to.id, key)).resolves.toEqual(first);
      expect(await booked(patient.id)).toEqual([{ slot_id: to.id }]);
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: to.id }),
      ).resolves.toMatchObject({ code: ErrorCode.NOT_CANCELLABLE });
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: from.id }, key),
      ).resolves.toMatchObject({ code: ErrorCode.IDEMPOTENCY_KEY_REUSED });
    });

    it('refuses someone else’s visit (NOT_FOUND), a started one (NOT_CANCELLABLE), another service and unknown slots', async () => {
      const patient = newActor();
      const [from, to] = [await slot(), await slot()];
      const appointment = await book(patient, from.id);
      await expect(
        kit.failure(rescheduleAppointment, newActor(), { id: appointment.id, slotId: to.id }),
      ).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
      const otherService = await kit.factory.newSlot({ startsAt: new Date(to.startsAt.getTime() + DAY) });
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: otherService.id }),
      ).resolves.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: randomUUID() }),
      ).resolves.toMatchObject({ code: ErrorCode.SLOT_NOT_FOUND });
      kit.clock.set(from.startsAt);
      try {
        await expect(
          kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: to.id }),
        ).resolves.toMatchObject({ code: ErrorCode.NOT_CANCELLABLE });
      } finally {
        kit.clock.set(TEST_NOW);
      }
      expect(await booked(patient.id)).toEqual([{ slot_id: from.id }]);
    });

    it('still refuses a video slot to a basic account (VERIFICATION_REQUIRED)', async () => {
      const patient = newActor({ level: 'basic' });
      const appointment = await book(patient, (await slot()).id);
      const video = await kit.factory.newSlot({ service: consultation, doctor: otherDoctor, channel: 'video' });
      await expect(
        kit.failure(rescheduleAppointment, patient, { id: appointment.id, slotId: video.id }),
      ).resolves.toMatchObject({
        code: ErrorCode.VERIFICATION_REQUIRED,
      });
    });
  });

  describe('calendar file', () => {
    it('is a valid iCalendar event with the time, place, channel and doctor', async () => {
      const patient = newActor();
      const target = await slot();
      const appointment = await book(patient, target.id);
      const calendar = await kit.request<AppointmentCalendar>(appointmentCalendar, patient, { id: appointment.id });
      expect(calendar.filename).toMatch(/^wizyta-\d{4}-\d{2}-\d{2}\.ics$/);
      const text = calendar.content.replace(/\r\n[ \t]/g, '');
      expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
      expect(text).toContain('BEGIN:VEVENT');
      expect(text).toContain(`UID:${appointment.id}@pacjent`);
      const stamp = (date: Date) =>
        date
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, '');
      expect(text).toContain(`DTSTART:${stamp(target.startsAt)}`);
      expect(text).toContain(`DTEND:${stamp(target.endsAt)}`);
      expect(text).toContain('LOCATION:Centrum Medyczne Mokotów\\, ul. Puławska 1\\, Warszawa');
      expect(text).toContain('lek. Anna Nowak');
      expect(text).toContain('wizyta w placówce');
      expect(text).toContain('STATUS:CONFIRMED');
      expect(text).toContain('CATEGORIES:wizyta w placówce');
      expect(text).not.toContain('in_person');
      expect(text).toMatch(/END:VEVENT\r\nEND:VCALENDAR/);
    });

    it('names the channel for a phone visit, and is NOT_FOUND for someone else', async () => {
      const patient = newActor();
      const phone = await kit.factory.newSlot({
        service: consultation,
        doctor: otherDoctor,
        channel: 'phone',
        startsAt: new Date((nextStart += 3 * HOUR)),
      });
      const appointment = await book(patient, phone.id);
      const calendar = await kit.request<AppointmentCalendar>(appointmentCalendar, patient, { id: appointment.id });
      expect(calendar.content).toContain('LOCATION:teleporada (telefon)');
      expect(calendar.content).toContain('CATEGORIES:teleporada (telefon)');
      await expect(kit.failure(appointmentCalendar, newActor(), { id: appointment.id })).resolves.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
    });
  });
});
