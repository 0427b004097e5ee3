import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '@pacjent/platform';
import type { EntityManager } from 'typeorm';
import { BookingConfig } from '../config';
import { addDays, warsawDate } from '../slots/warsaw-time';
import { SchedulesRepository } from './schedules.repository';

const EVERY_HOUR = 60 * 60 * 1000;

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
    private readonly config: BookingConfig,
    private readonly clock: Clock,
  ) {}

  /** The hourly job: null when another replica is generating right now. */
  @Interval(EVERY_HOUR)
  async run(): Promise<number | null> {
    const added = await this.schedules.transaction(async (tx) =>
      (await this.schedules.tryGenerationLock(tx)) ? this.generate(tx) : null,
    );
    if (added) this.logger.log({ added }, 'slots generated from schedules');
    return added;
  }

  /** Generates the horizon's slots inside the caller's transaction. */
  generate(tx: EntityManager): Promise<number> {
    const now = this.clock.now();
    const firstDay = warsawDate(now);
    return this.schedules.generateSlots(tx, {
      firstDay,
      lastDay: addDays(firstDay, this.config.SLOT_HORIZON_DAYS - 1),
      now,
    });
  }
}
