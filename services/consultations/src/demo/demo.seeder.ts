import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { ConsultationsConfig } from '../config';
import { ResultsRepository } from '../results/results.repository';
import { DEMO_LAB_ID, DEMO_PATIENT_ID, DEMO_REPORTS, demoReportInput } from './demo-results';

/**
 * With SEED_DEMO_DATA=true, gives the demo patient a record on start. Each
 * demo report has a fixed lab identifier, so it is stored once however often
 * (and by however many replicas at once) the service starts: the same rule
 * as a lab posting a report twice.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly results: ResultsRepository,
    private readonly config: ConsultationsConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const created = await this.seed();
    if (created > 0) this.logger.log({ created }, 'seeded demo results');
  }

  async seed(): Promise<number> {
    const now = this.clock.now();
    let created = 0;
    for (const report of DEMO_REPORTS) {
      const stored = await this.results.store(DEMO_PATIENT_ID, DEMO_LAB_ID, demoReportInput(report, now), now);
      if (stored.created) created += 1;
    }
    return created;
  }
}
