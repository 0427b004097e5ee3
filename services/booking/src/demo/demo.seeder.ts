import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { BookingConfig } from '../config';
import { addDays, warsawDate } from '../slots/warsaw-time';
import { DEMO_FACILITIES, DEMO_SERVICES } from './demo-catalog';
import { DEMO_DOCTORS } from './demo-doctors';
import { demoScheduleBlocks } from './demo-schedule';
import { DemoRepository } from './demo.repository';

export interface SeedOutcome {
  catalogSeeded: boolean;
  slotsAdded: number;
}

/**
 * With SEED_DEMO_DATA=true: on start, fills an empty catalog with the demo
 * network and keeps the demo doctors' free slots SLOT_HORIZON_DAYS ahead.
 * Safe to run again and from several replicas at once.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly demo: DemoRepository,
    private readonly config: BookingConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const started = Date.now();
    const outcome = await this.seed();
    this.logger.log({ ...outcome, ms: Date.now() - started }, 'demo data ready');
  }

  seed(): Promise<SeedOutcome> {
    return this.demo.underSeedLock(async (tx) => {
      const catalogSeeded = await this.demo.catalogIsEmpty(tx);
      if (catalogSeeded) {
        await this.demo.insertCatalog(tx, {
          facilities: DEMO_FACILITIES,
          services: DEMO_SERVICES,
          doctors: DEMO_DOCTORS,
        });
      }
      const now = this.clock.now();
      const firstDay = warsawDate(now);
      const slotsAdded = await this.demo.topUpSlots(tx, demoScheduleBlocks(), {
        firstDay,
        lastDay: addDays(firstDay, this.config.SLOT_HORIZON_DAYS - 1),
        now,
      });
      return { catalogSeeded, slotsAdded };
    });
  }
}
