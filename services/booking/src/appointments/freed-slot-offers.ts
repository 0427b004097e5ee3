import { Injectable } from '@nestjs/common';
import type { NotificationEvent } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { toNotificationView } from '../alerts/alerts.dto';
import { AlertsRepository } from '../alerts/alerts.repository';
import { AppointmentsRepository } from './appointments.repository';

/** A visit moved by an alert frees its old slot, which is offered on, this many times at most. */
const MAX_CASCADE = 3;

/**
 * Gives a slot that has just become free (in the caller's transaction) to
 * the oldest matching earlier-slot alert: its visit is moved there
 * automatically when the alert says so and the move is possible, else the
 * patient is notified. Returns the notifications to announce after commit.
 */
@Injectable()
export class FreedSlotOffers {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly appointments: AppointmentsRepository,
  ) {}

  async offer(tx: EntityManager, slotId: string, freedBy: string, now: Date, depth = 0): Promise<NotificationEvent[]> {
    const alert = await this.alerts.oldestMatching(tx, slotId, now, freedBy);
    if (!alert) return [];
    await this.alerts.fulfil(tx, alert.id, now);

    if (alert.moveAppointmentId) {
      const moved = await this.tryMove(tx, alert.patientId, alert.moveAppointmentId, slotId, now);
      if (moved) {
        const row = await this.alerts.addNotification(
          tx,
          { patientId: alert.patientId, kind: 'appointment_moved', alertId: alert.id, slotId, appointmentId: moved.id },
          now,
        );
        const events = [{ patientId: alert.patientId, notification: toNotificationView(row) }];
        if (depth + 1 >= MAX_CASCADE) return events;
        return [...events, ...(await this.offer(tx, moved.freedSlotId, alert.patientId, now, depth + 1))];
      }
    }
    const row = await this.alerts.addNotification(
      tx,
      { patientId: alert.patientId, kind: 'slot_available', alertId: alert.id, slotId, appointmentId: null },
      now,
    );
    return [{ patientId: alert.patientId, notification: toNotificationView(row) }];
  }

  /** Moves the alert's visit to the slot, all or nothing (a savepoint); null when it cannot be done now. */
  private async tryMove(
    tx: EntityManager,
    patientId: string,
    appointmentId: string,
    slotId: string,
    now: Date,
  ): Promise<{ id: string; freedSlotId: string } | null> {
    if (!(await this.alerts.tryLockPatient(tx, patientId))) return null;
    const savepoint = `alert_move_${randomUUID().replace(/-/g, '')}`;
    await tx.query(`SAVEPOINT ${savepoint}`);
    const current = await this.appointments.lockOwn(tx, patientId, appointmentId);
    const slot = await this.appointments.findBookableSlot(tx, slotId);
    // Same kind of visit only: an automatic move never turns a phone or in-person visit into a video one
    // (which a basic account could not book) or the other way round.
    if (
      !current ||
      !slot ||
      current.status !== 'booked' ||
      current.startsAt.getTime() <= now.getTime() ||
      slot.channel !== current.channel
    ) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      return null;
    }
    const freedSlotId = await this.appointments.slotOf(tx, appointmentId);
    await this.appointments.markReplaced(tx, appointmentId, now);
    const id = randomUUID();
    const outcome = await this.appointments.insertBooked(tx, {
      id,
      patientId,
      slotId,
      source: 'portal',
      bookedBy: patientId,
      bookedAt: now,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      referralId: current.referralId,
      referralReservationId: current.referralReservationId,
      occupationalReferral: current.occupationalReferral,
    });
    if (outcome !== 'booked') {
      await tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      return null;
    }
    await this.appointments.linkReplacement(tx, appointmentId, id);
    await tx.query(`RELEASE SAVEPOINT ${savepoint}`);
    return { id, freedSlotId };
  }
}
