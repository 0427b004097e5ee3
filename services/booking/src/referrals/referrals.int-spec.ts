import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  Subjects,
  type AppointmentView,
  type BusRequest,
  type ReferralRelease,
  type ReferralReservation,
  type ReleaseReferralSessionDto,
  type ReserveReferralSessionDto,
} from '@pacjent/contracts';
import { BusHandler, PlatformModule } from '@pacjent/platform';
import { newActor, startTestService } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import type { MedicalServiceEntity } from '../catalog/medical-service.entity';
import { DAY, HOUR, startBooking, TEST_NOW, type BookingTestKit } from '../testing/booking-test-kit';
import { ReferralReleasesService } from './referral-releases.service';

/** What the stand-in consultations service does with the next requests. */
const consultations = {
  reserve: 'grant' as 'grant' | 'refuse' | 'late',
  release: 'ok' as 'ok' | 'fail',
  sessions: new Map<string, number>(),
  reservations: [] as Array<BusRequest<ReserveReferralSessionDto>>,
  releases: [] as ReleaseReferralSessionDto[],
  /** Released reservation ids: a reservation arriving after its release must not use a session (contract). */
  released: new Set<string>(),
  granted: new Set<string>(),
};

/** A stand-in for the consultations service's side of the referral contract, on the real bus. */
@Controller()
class StubReferralsController {
  @BusHandler(Subjects.consultations.reserveReferralSession)
  async reserve(payload: BusRequest<ReserveReferralSessionDto>): Promise<ReferralReservation> {
    consultations.reservations.push(payload);
    if (consultations.reserve === 'late') await new Promise((resolve) => setTimeout(resolve, 700));
    const left = consultations.sessions.get(payload.data.referralId) ?? 0;
    if (consultations.reserve === 'refuse' || left === 0 || consultations.released.has(payload.data.reservationId)) {
      throw new DomainError(ErrorCode.REFERRAL_REQUIRED, 'No sessions left on this referral.');
    }
    consultations.sessions.set(payload.data.referralId, left - 1);
    consultations.granted.add(payload.data.reservationId);
    return { referralId: payload.data.referralId, reservationId: payload.data.reservationId, sessionsLeft: left - 1 };
  }

  @BusHandler(Subjects.consultations.releaseReferralSession)
  release(payload: BusRequest<ReleaseReferralSessionDto>): ReferralRelease {
    if (consultations.release === 'fail') throw new Error('consultations database is down');
    consultations.releases.push(payload.data);
    const known = consultations.granted.has(payload.data.reservationId);
    consultations.released.add(payload.data.reservationId);
    if (!known) return { released: false };
    const left = consultations.sessions.get(payload.data.referralId) ?? 0;
    consultations.sessions.set(payload.data.referralId, left + 1);
    return { released: true };
  }
}

@Module({ imports: [PlatformModule.forService('consultations')], controllers: [StubReferralsController] })
class StubConsultationsModule {}

const { createAppointment, cancelAppointment, rescheduleAppointment } = Subjects.booking;

describe('rehabilitation bookings and the referral contract (stub consultations on real NATS)', () => {
  let kit: BookingTestKit;
  let stub: INestMicroservice;
  let rehabilitation: MedicalServiceEntity;

  const newReferral = (sessions: number) => {
    const id = randomUUID();
    consultations.sessions.set(id, sessions);
    return id;
  };
  const rehabSlot = (hoursFromTomorrow = 0) =>
    kit.factory.newSlot({
      service: rehabilitation,
      startsAt: new Date(TEST_NOW.getTime() + DAY + hoursFromTomorrow * HOUR),
    });
  const appointmentCount = async (slotId: string) =>
    Number(
      (
        (await kit.dataSource.query(
          `SELECT count(*) AS n FROM "booking"."appointments" WHERE slot_id = $1 AND status = 'booked'`,
          [slotId],
        )) as [{ n: string }]
      )[0].n,
    );
  const outbox = async () =>
    (await kit.dataSource.query(`SELECT reservation_id FROM "booking"."referral_releases"`)) as unknown[];

  beforeAll(async () => {
    kit = await startBooking({ REFERRAL_TIMEOUT_MS: '300' });
    stub = await startTestService({ name: 'consultations', module: StubConsultationsModule });
    rehabilitation = await kit.factory.newService({
      name: 'Kinezyterapia',
      kind: 'rehabilitation',
      basicAllowed: false,
    });
  });
  afterAll(async () => {
    await stub.close();
    await kit.close();
  });
  beforeEach(() => {
    consultations.reserve = 'grant';
    consultations.release = 'ok';
    consultations.reservations = [];
    consultations.releases = [];
  });

  it('books with a referral once consultations reserves a session for this very appointment', async () => {
    const patient = newActor({ level: 'full' });
    const referralId = newReferral(2);
    const slot = await rehabSlot();
    const appointment = await kit.request<AppointmentView>(createAppointment, patient, { slotId: slot.id, referralId });
    expect(appointment).toMatchObject({ status: 'booked', slot: expect.objectContaining({ id: slot.id }) });
    expect(consultations.reservations).toEqual([
      {
        actor: patient,
        data: {
          referralId,
          reservationId: appointment.id,
          patientId: patient.id,
          serviceId: rehabilitation.id,
          startsAt: slot.startsAt.toISOString(),
        },
      },
    ]);
    expect(consultations.sessions.get(referralId)).toBe(1);
  });

  it('makes no appointment when consultations refuses (REFERRAL_REQUIRED), and has nothing to give back', async () => {
    const slot = await rehabSlot(1);
    const referralId = newReferral(0);
    await expect(
      kit.failure(createAppointment, newActor({ level: 'full' }), { slotId: slot.id, referralId }),
    ).resolves.toMatchObject({ code: ErrorCode.REFERRAL_REQUIRED });
    expect(await appointmentCount(slot.id)).toBe(0);
    expect(consultations.releases).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it('does not ask consultations when the slot is taken anyway', async () => {
    const slot = await rehabSlot(2);
    await kit.request(createAppointment, newActor({ level: 'full' }), { slotId: slot.id, referralId: newReferral(1) });
    consultations.reservations = [];
    const referralId = newReferral(1);
    await expect(
      kit.failure(createAppointment, newActor({ level: 'full' }), { slotId: slot.id, referralId }),
    ).resolves.toMatchObject({ code: ErrorCode.SLOT_TAKEN });
    expect(consultations.reservations).toEqual([]);
    expect(consultations.sessions.get(referralId)).toBe(1);
  });

  it('answers SERVICE_UNAVAILABLE when consultations answers too late, and gives the session back', async () => {
    consultations.reserve = 'late';
    const slot = await rehabSlot(3);
    const referralId = newReferral(1);
    await expect(
      kit.failure(createAppointment, newActor({ level: 'full' }), { slotId: slot.id, referralId }),
    ).resolves.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    expect(await appointmentCount(slot.id)).toBe(0);
    // The reservation reached consultations but its answer came late: booking released it by the same
    // reservation id, and whichever arrives first, the referral keeps its session.
    await waitFor(() => consultations.releases.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(consultations.releases).toEqual([
      expect.objectContaining({ referralId, reservationId: consultations.reservations[0]!.data.reservationId }),
    ]);
    expect(consultations.sessions.get(referralId)).toBe(1);
    expect(await outbox()).toEqual([]);
  });

  it('gives the session back when the visit is cancelled', async () => {
    const patient = newActor({ level: 'full' });
    const referralId = newReferral(1);
    const appointment = await kit.request<AppointmentView>(createAppointment, patient, {
      slotId: (await rehabSlot(4)).id,
      referralId,
    });
    expect(consultations.sessions.get(referralId)).toBe(0);
    await kit.request(cancelAppointment, patient, { id: appointment.id });
    expect(consultations.releases).toEqual([{ referralId, reservationId: appointment.id, patientId: patient.id }]);
    expect(consultations.sessions.get(referralId)).toBe(1);
  });

  it('keeps a release consultations could not take in the outbox, and the job delivers it later', async () => {
    const patient = newActor({ level: 'full' });
    const referralId = newReferral(1);
    const appointment = await kit.request<AppointmentView>(createAppointment, patient, {
      slotId: (await rehabSlot(5)).id,
      referralId,
    });
    consultations.release = 'fail';
    await kit.request(cancelAppointment, patient, { id: appointment.id });
    expect(await outbox()).toEqual([{ reservation_id: appointment.id }]);
    expect(consultations.sessions.get(referralId)).toBe(0);

    consultations.release = 'ok';
    const job = kit.service.get(ReferralReleasesService);
    await expect(job.retryDue()).resolves.toBe(0); // not due yet (REFERRAL_RELEASE_RETRY_SECONDS)
    kit.clock.set(new Date(TEST_NOW.getTime() + 60 * 1000));
    try {
      await expect(job.retryDue()).resolves.toBe(1);
    } finally {
      kit.clock.set(TEST_NOW);
    }
    expect(await outbox()).toEqual([]);
    expect(consultations.sessions.get(referralId)).toBe(1);
  });

  it('keeps the same reserved session when the visit is moved, without asking again', async () => {
    const patient = newActor({ level: 'full' });
    const referralId = newReferral(1);
    const appointment = await kit.request<AppointmentView>(createAppointment, patient, {
      slotId: (await rehabSlot(6)).id,
      referralId,
    });
    consultations.reservations = [];
    const later = await rehabSlot(30);
    const moved = await kit.request<AppointmentView>(rescheduleAppointment, patient, {
      id: appointment.id,
      slotId: later.id,
    });
    expect(moved.slot.id).toBe(later.id);
    expect(consultations.reservations).toEqual([]);
    const [row] = (await kit.dataSource.query(
      `SELECT referral_id, referral_reservation_id FROM "booking"."appointments" WHERE id = $1`,
      [moved.id],
    )) as Array<Record<string, string>>;
    expect(row).toEqual({ referral_id: referralId, referral_reservation_id: appointment.id });
    await kit.request(cancelAppointment, patient, { id: moved.id });
    expect(consultations.releases).toEqual([{ referralId, reservationId: appointment.id, patientId: patient.id }]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
