import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '@pacjent/platform';
import type { NotificationEvent } from '@pacjent/contracts';
import type { EntityManager } from 'typeorm';
import { AlertsRepository } from '../alerts/alerts.repository';
import { NotificationsPublisher } from '../alerts/notifications.publisher';
import { FreedSlotOffers } from '../appointments/freed-slot-offers';
import { BookingConfig } from '../config';
import { addDays, warsawDate } from '../slots/warsaw-time';
import { SchedulesRepository } from './schedules.repository';

const EVERY_HOUR = 60 * 60 * 1000;
/** New slots were freed by nobody: every patient's alert may have them. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Keeps free slots SLOT_HORIZON_DAYS ahead from the doctors' weekly
 * templates. Safe with several replicas: one run at a time holds an advisory
 * lock (the others skip), and existing slots are never duplicated.
 */
@Injectable()
export class SlotGenerationService {
  private readonly logger = new Logger(SlotGenerationService.name);

  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly alerts: AlertsRepository,
    private readonly offers: FreedSlotOffers,
    private readonly notifications: NotificationsPublisher,
    private readonly config: BookingConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The hourly job: null when another replica is generating right now. New
   * slots are offered to waiting earlier-slot alerts, oldest alert first.
   */
  @Interval(EVERY_HOUR)
  async run(): Promise<number | null> {
    const outcome = await this.schedules.transaction(async (tx) => {
      if (!(await this.schedules.tryGenerationLock(tx))) return null;
      return this.generateAndOffer(tx);
    });
    if (!outcome) return null;
    await this.announce(outcome);
    if (outcome.added)
      this.logger.log({ added: outcome.added, notified: outcome.events.length }, 'slots generated from schedules');
    return outcome.added;
  }

  /**
   * The one path that turns templates into slots and offers them: generates
   * the horizon's missing slots (only `templateId`'s when given) inside the
   * caller's transaction, which must hold the generation lock, and offers each
   * new slot to waiting earlier-slot alerts; the notifications are recorded
   * in the outbox with the slots. Call `announce` after the commit.
   */
  async generateAndOffer(tx: EntityManager, templateId?: string): Promise<GenerationOutcome> {
    const ids = await this.newSlots(tx, templateId);
    let events: NotificationEvent[] = [];
    if (ids.length > 0 && (await this.alerts.hasActive(tx))) {
      for (const id of ids) events = [...events, ...(await this.offers.offer(tx, id, NOBODY, this.clock.now()))];
      await this.notifications.record(tx, events);
    }
    return { added: ids.length, events };
  }

  /** Publishes a committed generation's notifications. */
  async announce(outcome: GenerationOutcome): Promise<void> {
    if (outcome.events.length > 0) await this.notifications.flush();
  }

  /** Generates the horizon's slots inside the caller's transaction; returns how many were added. */
  async generate(tx: EntityManager): Promise<number> {
    return (await this.newSlots(tx)).length;
  }

  private newSlots(tx: EntityManager, templateId?: string): Promise<string[]> {
    const now = this.clock.now();
    const firstDay = warsawDate(now);
    return this.schedules.generateSlots(tx, {
      firstDay,
      lastDay: addDays(firstDay, this.config.SLOT_HORIZON_DAYS - 1),
      now,
      ...(templateId ? { templateId } : {}),
    });
  }
}

export interface GenerationOutcome {
  added: number;
  /** Notifications recorded for waiting alerts, to publish after the commit. */
  events: NotificationEvent[];
}
