import {
  ErrorCode,
  RELATION_FUTURE_DAYS,
  RELATION_PAST_DAYS,
  Subjects,
  type Actor,
  type AppointmentView,
  type DoctorPatientRelation,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import type { DoctorEntity } from '../catalog/doctor.entity';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';

const { doctorPatientRelation, createAppointment, cancelAppointment } = Subjects.booking;

describe('doctor–patient relation over the bus', () => {
  let kit: BookingTestKit;
  const doctor = newActor({ roles: ['doctor'] });
  const otherDoctor = newActor({ roles: ['doctor'] });

  const related = async (asker: Actor, patientId: string) =>
    (await kit.request<DoctorPatientRelation>(doctorPatientRelation, asker, { patientId })).related;

  let doctorEntity: DoctorEntity;
  let visits = 0;

  /** A visit of a new patient with `doctor`, about `startsIn` after TEST_NOW (booked at TEST_NOW; a minute apart). */
  const visitIn = async (startsIn: number) => {
    kit.clock.set(TEST_NOW);
    const slot = await kit.factory.newSlot({
      doctor: doctorEntity,
      startsAt: new Date(TEST_NOW.getTime() + startsIn + visits++ * 60_000),
    });
    const patient = newActor({ level: 'full' });
    const appointment = await kit.request<AppointmentView>(createAppointment, patient, { slotId: slot.id });
    return { patient, appointment };
  };

  beforeAll(async () => {
    kit = await startBooking();
    doctorEntity = await kit.factory.newDoctor({ accountId: doctor.id });
  });
  afterAll(() => kit.close());

  it('relates a doctor to a patient with a visit in the next 7 days, not another doctor', async () => {
    const { patient } = await visitIn(2 * DAY);
    expect(await related(doctor, patient.id)).toBe(true);
    expect(await related(otherDoctor, patient.id)).toBe(false);
    expect(await related(doctor, randomUUID())).toBe(false);
  });

  it('ends the relation after 12 months and does not start it earlier than 7 days before the visit', async () => {
    const { patient } = await visitIn(HOUR);
    kit.clock.set(new Date(TEST_NOW.getTime() + HOUR + (RELATION_PAST_DAYS - 1) * DAY));
    expect(await related(doctor, patient.id)).toBe(true);
    kit.clock.set(new Date(TEST_NOW.getTime() + HOUR + (RELATION_PAST_DAYS + 1) * DAY));
    expect(await related(doctor, patient.id)).toBe(false);

    const later = await visitIn((RELATION_FUTURE_DAYS + 3) * DAY);
    expect(await related(doctor, later.patient.id)).toBe(false);
  });

  it('does not count a cancelled visit', async () => {
    const { patient, appointment } = await visitIn(2 * DAY);
    await kit.request(cancelAppointment, patient, { id: appointment.id });
    expect(await related(doctor, patient.id)).toBe(false);
  });

  it('answers only doctors, and validates the patient id', async () => {
    const { patient } = await visitIn(DAY);
    await expect(kit.failure(doctorPatientRelation, patient, { patientId: patient.id })).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    await expect(kit.failure(doctorPatientRelation, null, { patientId: patient.id })).resolves.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
    await expect(kit.failure(doctorPatientRelation, doctor, { patientId: 'x\u0000' })).resolves.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });
});
