import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { BookingConfig } from '../config';
import { SchedulesRepository } from '../schedules/schedules.repository';
import { SlotGenerationService } from '../schedules/slot-generation.service';
import { DEMO_FACILITIES, DEMO_SERVICES } from './demo-catalog';
import { DEMO_DOCTORS } from './demo-doctors';
import { demoScheduleBlocks } from './demo-schedule';
import { seedDemoPastVisits } from './demo-record';
import { DemoRepository } from './demo.repository';

export interface SeedOutcome {
  catalogSeeded: boolean;
  slotsAdded: number;
  /** The demo patient's past visits added (their outcomes come from consultations). */
  pastVisitsAdded: number;
}

/**
 * With SEED_DEMO_DATA=true: on start, fills an empty catalog with the demo
 * network and the demo doctors' weekly templates, and generates their slots
 * SLOT_HORIZON_DAYS ahead (then the slot-generation job keeps them topped up).
 * Safe to run again and from several replicas at once.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly demo: DemoRepository,
    private readonly schedules: SchedulesRepository,
    private readonly slots: SlotGenerationService,
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
      if ((await this.schedules.countTemplates(tx)) === 0) {
        await this.demo.insertScheduleTemplates(tx, demoScheduleBlocks());
      }
      // The hourly job keeps the horizon filled later; the first slots come now.
      const slotsAdded = await this.slots.generate(tx);
      const pastVisitsAdded = await seedDemoPastVisits(tx, this.clock.now());
      return { catalogSeeded, slotsAdded, pastVisitsAdded };
    });
  }
}
