import { Injectable } from '@nestjs/common';
import {
  BASIC_ACTIVE_APPOINTMENT_LIMIT,
  DomainError,
  ErrorCode,
  type Actor,
  type AppointmentIdDto,
  type AppointmentView,
  type CancelResult,
  type CreateAppointmentDto,
  type ListAppointmentsDto,
  type OccupationalReferralDto,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import type { EntityManager } from 'typeorm';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { toAppointmentView } from './appointments.dto';
import { AppointmentsRepository } from './appointments.repository';
import { bookingRefusal, type BookingAttempt } from './booking-rules';

/** A booking made by staff (call center, front desk) for a patient. */
export interface StaffBooking {
  patientId: string;
  slotId: string;
  source: 'phone' | 'facility';
  /** The staff member's account id. */
  bookedBy: string;
  occupationalReferral?: OccupationalReferralDto;
}

interface Booking {
  patientId: string;
  slotId: string;
  source: 'portal' | 'phone' | 'facility';
  bookedBy: string;
  attempt: BookingAttempt;
  referralId?: string;
  occupationalReferral?: OccupationalReferralDto;
}

const notFound = () => new DomainError(ErrorCode.NOT_FOUND, 'No such appointment.');

/** Booking, listing and cancelling a patient's appointments. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  /** A patient books a free slot through the portal. */
  create(actor: Actor, request: CreateAppointmentDto, idempotencyKey?: string): Promise<AppointmentView> {
    return this.appointments.transaction((tx) =>
      this.idempotency.once(
        tx,
        { patientId: actor.id, key: idempotencyKey, operation: 'appointments.create', body: request },
        () =>
          this.book(tx, {
            patientId: actor.id,
            slotId: request.slotId,
            source: 'portal',
            bookedBy: actor.id,
            attempt: { level: actor.level, hasOccupationalReferral: request.occupationalReferral !== undefined },
            referralId: request.referralId,
            occupationalReferral: request.occupationalReferral,
          }),
      ),
    );
  }

  /**
   * Staff book for a patient (by phone or at a facility). Such appointments
   * cannot be cancelled in the portal. Not on the bus yet: the staff console
   * comes with a later feature.
   */
  createForPatient(booking: StaffBooking): Promise<AppointmentView> {
    return this.appointments.transaction((tx) =>
      this.book(tx, {
        ...booking,
        attempt: { level: null, hasOccupationalReferral: booking.occupationalReferral !== undefined },
      }),
    );
  }

  async list(actor: Actor, request: ListAppointmentsDto): Promise<AppointmentView[]> {
    const rows = await this.appointments.listOwn(actor.id, request.scope ?? 'upcoming', this.clock.now());
    return rows.map(toAppointmentView);
  }

  async get(actor: Actor, request: AppointmentIdDto): Promise<AppointmentView> {
    const row = await this.appointments.findOwn(actor.id, request.id);
    if (!row) throw notFound();
    return toAppointmentView(row);
  }

  /** Cancels the patient's own portal booking before it starts; the slot is free again at once. */
  cancel(actor: Actor, request: AppointmentIdDto, idempotencyKey?: string): Promise<CancelResult> {
    return this.appointments.transaction((tx) =>
      this.idempotency.once(
        tx,
        { patientId: actor.id, key: idempotencyKey, operation: 'appointments.cancel', body: request },
        async () => {
          if (await this.appointments.cancelOwn(tx, actor.id, request.id, this.clock.now())) {
            return { id: request.id, status: 'cancelled' as const };
          }
          // Nothing changed; say why.
          if (!(await this.appointments.findOwn(actor.id, request.id, tx))) throw notFound();
          throw new DomainError(
            ErrorCode.NOT_CANCELLABLE,
            'Only upcoming visits booked through the portal can be cancelled here.',
          );
        },
      ),
    );
  }

  private async book(tx: EntityManager, booking: Booking): Promise<AppointmentView> {
    const now = this.clock.now();
    const slot = await this.appointments.findBookableSlot(tx, booking.slotId);
    if (!slot) throw new DomainError(ErrorCode.SLOT_NOT_FOUND, 'No such slot.');
    const refusal = bookingRefusal(slot, booking.attempt, now);
    if (refusal) throw refusal;

    await this.appointments.lockPatient(tx, booking.patientId);
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

    const occupational = slot.serviceKind === 'occupational' ? (booking.occupationalReferral ?? null) : null;
    const id = await this.appointments.insertBooked(tx, {
      slotId: booking.slotId,
      patientId: booking.patientId,
      source: booking.source,
      bookedBy: booking.bookedBy,
      bookedAt: now,
      referralId: slot.requiresReferral ? (booking.referralId ?? null) : null,
      occupationalReferral: occupational,
    });
    if (!id) throw new DomainError(ErrorCode.SLOT_TAKEN, 'Somebody has just booked this slot.');
    const row = await this.appointments.findOwn(booking.patientId, id, tx);
    if (!row) throw new Error('a booked appointment is not readable in its own transaction');
    return toAppointmentView(row);
  }
}
