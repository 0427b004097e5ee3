import { Injectable } from '@nestjs/common';
import {
  BASIC_ACTIVE_APPOINTMENT_LIMIT,
  DomainError,
  ErrorCode,
  Role,
  type Actor,
  type AppointmentCalendar,
  type AppointmentIdDto,
  type AppointmentView,
  type CancelResult,
  type NotificationEvent,
  type CreateAppointmentDto,
  type ListAppointmentsDto,
  type OccupationalReferralDto,
  type RescheduleRequestDto,
  type StaffCreateAppointmentDto,
} from '@pacjent/contracts';
import { Clock, validationFailed } from '@pacjent/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NotificationsPublisher } from '../alerts/notifications.publisher';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { PendingRelease } from '../referrals/referral-releases.repository';
import { ReferralReleasesService } from '../referrals/referral-releases.service';
import { ReferralsClient, ReferralsUnavailable } from '../referrals/referrals.client';
import { appointmentCalendar } from './appointment-calendar';
import { toAppointmentView } from './appointments.dto';
import { FreedSlotOffers } from './freed-slot-offers';
import { AppointmentsRepository } from './appointments.repository';
import { bookingRefusal, type BookableSlot, type BookingAttempt } from './booking-rules';

/** A booking made by staff (call center, front desk) for a patient. */
export interface StaffBooking {
  patientId: string;
  slotId: string;
  source: 'phone' | 'facility';
  /** The staff member's account id. */
  bookedBy: string;
  referralId?: string;
  occupationalReferral?: OccupationalReferralDto;
}

interface Booking {
  /** Chosen before the insert: it is also the referral reservation's id. */
  id: string;
  /** Who asks (the patient, or staff for them): forwarded to consultations. */
  actor: Actor;
  patientId: string;
  slotId: string;
  source: 'portal' | 'phone' | 'facility';
  bookedBy: string;
  attempt: BookingAttempt;
  referralId?: string;
  occupationalReferral?: OccupationalReferralDto;
}

/** A referral session reserved during a booking: released if the booking does not commit. */
interface ReservationHolder {
  reserved: PendingRelease | null;
}

const notFound = () => new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');
const notCancellable = () =>
  new DomainError(ErrorCode.NOT_CANCELLABLE, 'Only upcoming visits booked through the portal can be changed here.');

/** Booking, moving, listing and cancelling a patient's appointments. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly referrals: ReferralsClient,
    private readonly releases: ReferralReleasesService,
    private readonly offers: FreedSlotOffers,
    private readonly notifications: NotificationsPublisher,
    private readonly clock: Clock,
  ) {}

  /** A patient books a free slot through the portal. */
  create(actor: Actor, request: CreateAppointmentDto, idempotencyKey?: string): Promise<AppointmentView> {
    return this.withReservation((holder) =>
      this.appointments.transaction((tx) =>
        this.idempotency.once(
          tx,
          { patientId: actor.id, key: idempotencyKey, operation: 'appointments.create', body: request },
          () =>
            this.book(tx, holder, {
              id: randomUUID(),
              actor,
              patientId: actor.id,
              slotId: request.slotId,
              source: 'portal',
              bookedBy: actor.id,
              attempt: {
                level: actor.level,
                hasOccupationalReferral: request.occupationalReferral !== undefined,
                hasReferral: request.referralId !== undefined,
              },
              referralId: request.referralId,
              occupationalReferral: request.occupationalReferral,
            }),
        ),
      ),
    );
  }

  /** Staff book for a patient (by phone or at a facility); the patient cannot cancel these in the portal. */
  createByStaff(actor: Actor, request: StaffCreateAppointmentDto, idempotencyKey?: string): Promise<AppointmentView> {
    return this.withReservation((holder) =>
      this.appointments.transaction((tx) =>
        this.idempotency.once(
          tx,
          { patientId: actor.id, key: idempotencyKey, operation: 'staff.appointments.create', body: request },
          () =>
            this.book(tx, holder, {
              id: randomUUID(),
              actor,
              patientId: request.patientId,
              slotId: request.slotId,
              source: request.source,
              bookedBy: actor.id,
              attempt: {
                level: null,
                hasOccupationalReferral: request.occupationalReferral !== undefined,
                hasReferral: request.referralId !== undefined,
              },
              referralId: request.referralId,
              occupationalReferral: request.occupationalReferral,
            }),
        ),
      ),
    );
  }

  /** Staff booking without a bus request (tests, demo): `bookedBy` is the staff member's id. */
  createForPatient(booking: StaffBooking): Promise<AppointmentView> {
    const actor: Actor = { id: booking.bookedBy, roles: [Role.STAFF], level: 'full' };
    return this.createByStaff(actor, booking);
  }

  async list(actor: Actor, request: ListAppointmentsDto): Promise<AppointmentView[]> {
    const rows = await this.appointments.listOwn(actor.id, request.scope ?? 'upcoming', this.clock.now());
    return rows.map(toAppointmentView);
  }

  /** A patient's visits for the staff console's patient card: planned ones first, then the history, newest first. */
  async listForStaff(patientId: string): Promise<AppointmentView[]> {
    const now = this.clock.now();
    const [upcoming, past] = await Promise.all([
      this.appointments.listOwn(patientId, 'upcoming', now),
      this.appointments.listOwn(patientId, 'past', now),
    ]);
    return [...upcoming, ...past].map(toAppointmentView);
  }

  async get(actor: Actor, request: AppointmentIdDto): Promise<AppointmentView> {
    const row = await this.appointments.findOwn(actor.id, request.id);
    if (!row) throw notFound();
    return toAppointmentView(row);
  }

  /** The patient's own appointment as an iCalendar file. */
  async calendar(actor: Actor, request: AppointmentIdDto): Promise<AppointmentCalendar> {
    const row = await this.appointments.findOwn(actor.id, request.id);
    if (!row) throw notFound();
    return appointmentCalendar(row);
  }

  /** Cancels the patient's own portal booking before it starts; the slot is free again at once. */
  async cancel(actor: Actor, request: AppointmentIdDto, idempotencyKey?: string): Promise<CancelResult> {
    // Filled inside the transaction callback, sent after the commit.
    const released: { pending: PendingRelease | null } = { pending: null };
    let events: NotificationEvent[] = [];
    const result = await this.appointments.transaction((tx) =>
      this.idempotency.once(
        tx,
        { patientId: actor.id, key: idempotencyKey, operation: 'appointments.cancel', body: request },
        async () => {
          const cancelled = await this.appointments.cancelOwn(tx, actor.id, request.id, this.clock.now());
          if (cancelled) {
            if (cancelled.referralId && cancelled.referralReservationId) {
              released.pending = {
                reservationId: cancelled.referralReservationId,
                referralId: cancelled.referralId,
                patientId: actor.id,
              };
              // The session goes back to the referral: recorded with the cancellation, sent after it commits.
              await this.releases.record(tx, released.pending);
            }
            // The slot is free: the oldest matching earlier-slot alert gets it first.
            events = await this.offers.offer(tx, cancelled.slotId, actor.id, this.clock.now());
            await this.notifications.record(tx, events);
            return { id: request.id, status: 'cancelled' as const };
          }
          // Nothing changed; say why.
          if (!(await this.appointments.findOwn(actor.id, request.id, tx))) throw notFound();
          throw notCancellable();
        },
      ),
    );
    if (events.length > 0) await this.notifications.flush();
    if (released.pending) await this.releases.sendNow(released.pending.reservationId);
    return result;
  }

  /**
   * Moves the patient's visit to another free slot of the same service, in
   * one transaction: the patient ends with exactly one of the two slots. The
   * old appointment is cancelled (pointing at its replacement); a referral
   * session or occupational referral carries over.
   */
  async reschedule(actor: Actor, request: RescheduleRequestDto, idempotencyKey?: string): Promise<AppointmentView> {
    let events: NotificationEvent[] = [];
    const moved = await this.appointments.transaction((tx) =>
      this.idempotency.once(
        tx,
        { patientId: actor.id, key: idempotencyKey, operation: 'appointments.reschedule', body: request },
        async () => {
          const now = this.clock.now();
          await this.appointments.lockPatient(tx, actor.id);
          const current = await this.appointments.lockOwn(tx, actor.id, request.id);
          if (!current) throw notFound();
          if (
            current.status !== 'booked' ||
            current.source !== 'portal' ||
            current.startsAt.getTime() <= now.getTime()
          ) {
            throw notCancellable();
          }
          const slot = await this.appointments.findBookableSlot(tx, request.slotId);
          if (!slot) throw new DomainError(ErrorCode.SLOT_NOT_FOUND, 'No such slot.');
          if (slot.serviceId !== current.serviceId) {
            throw validationFailed([{ field: 'slotId', messages: ['must be a slot of the same service'] }]);
          }
          const refusal = bookingRefusal(
            slot,
            {
              level: actor.level,
              hasOccupationalReferral: current.occupationalReferral !== null,
              hasReferral: current.referralId !== null,
            },
            now,
          );
          if (refusal) throw refusal;

          const freedSlotId = await this.appointments.slotOf(tx, request.id);
          await this.appointments.markReplaced(tx, request.id, now);
          const id = randomUUID();
          await this.insert(tx, slot, {
            id,
            patientId: actor.id,
            slotId: request.slotId,
            source: 'portal',
            bookedBy: actor.id,
            bookedAt: now,
            referralId: current.referralId,
            referralReservationId: current.referralReservationId,
            occupationalReferral: current.occupationalReferral,
          });
          await this.appointments.linkReplacement(tx, request.id, id);
          events = await this.offers.offer(tx, freedSlotId, actor.id, now);
          await this.notifications.record(tx, events);
          return this.view(tx, actor.id, id);
        },
      ),
    );
    if (events.length > 0) await this.notifications.flush();
    return moved;
  }

  /** Runs a booking; a referral session it reserved is given back if the booking does not commit. */
  private async withReservation<T>(work: (holder: ReservationHolder) => Promise<T>): Promise<T> {
    const holder: ReservationHolder = { reserved: null };
    try {
      return await work(holder);
    } catch (error) {
      if (holder.reserved) await this.releases.releaseNow(holder.reserved);
      throw error;
    }
  }

  private async book(tx: EntityManager, holder: ReservationHolder, booking: Booking): Promise<AppointmentView> {
    const now = this.clock.now();
    const slot = await this.appointments.lockPatientAndFindSlot(tx, booking.patientId, booking.slotId);
    if (!slot) throw new DomainError(ErrorCode.SLOT_NOT_FOUND, 'No such slot.');
    const refusal = bookingRefusal(slot, booking.attempt, now);
    if (refusal) throw refusal;

    if (booking.attempt.level === 'basic') {
      const active = await this.appointments.countActive(tx, booking.patientId, now);
      if (active >= BASIC_ACTIVE_APPOINTMENT_LIMIT) {
        throw new DomainError(
          ErrorCode.BOOKING_LIMIT_REACHED,
          `A basic account may hold at most ${BASIC_ACTIVE_APPOINTMENT_LIMIT} upcoming visits.`,
          { limit: BASIC_ACTIVE_APPOINTMENT_LIMIT },
        );
      }
    }

    const referralId = slot.requiresReferral ? (booking.referralId ?? null) : null;
    await this.insert(tx, slot, {
      id: booking.id,
      patientId: booking.patientId,
      slotId: booking.slotId,
      source: booking.source,
      bookedBy: booking.bookedBy,
      bookedAt: now,
      referralId,
      referralReservationId: referralId ? booking.id : null,
      occupationalReferral: slot.serviceKind === 'occupational' ? (booking.occupationalReferral ?? null) : null,
    });
    if (referralId) {
      // The slot is ours (uncommitted); only now ask consultations for a session. Until this transaction
      // commits nobody else can book the slot, and if it does not commit the session is released.
      holder.reserved = { reservationId: booking.id, referralId, patientId: booking.patientId };
      try {
        await this.referrals.reserve(booking.actor, {
          referralId,
          reservationId: booking.id,
          patientId: booking.patientId,
          serviceId: slot.serviceId,
          startsAt: slot.startsAt.toISOString(),
        });
      } catch (error) {
        // A refusal, or nobody listening, reserved nothing: nothing to give back.
        if (!(error instanceof ReferralsUnavailable && error.mayHaveReserved)) holder.reserved = null;
        throw error;
      }
    }
    // Exactly what findOwn() would read back now, built from the slot already read.
    return toAppointmentView({
      ...slot.row,
      appointment_id: booking.id,
      status: 'booked',
      source: booking.source,
      booked_at: now,
      cancelled_at: null,
      replaced_by: null,
    });
  }

  private async insert(
    tx: EntityManager,
    slot: BookableSlot,
    appointment: Omit<Parameters<AppointmentsRepository['insertBooked']>[1], 'startsAt' | 'endsAt'>,
  ): Promise<void> {
    const outcome = await this.appointments.insertBooked(tx, {
      ...appointment,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
    });
    // The slot was deleted or withdrawn (its schedule removed) since it was read.
    if (outcome === 'missing') throw new DomainError(ErrorCode.SLOT_NOT_FOUND, 'No such slot.');
    if (outcome === 'taken') throw new DomainError(ErrorCode.SLOT_TAKEN, 'Somebody has just booked this slot.');
    if (outcome === 'overlap') {
      throw new DomainError(ErrorCode.APPOINTMENT_OVERLAP, 'You already have a visit at this time.');
    }
  }

  private async view(tx: EntityManager, patientId: string, id: string): Promise<AppointmentView> {
    const row = await this.appointments.findOwn(patientId, id, tx);
    if (!row) throw new Error('a booked appointment is not readable in its own transaction');
    return toAppointmentView(row);
  }
}
