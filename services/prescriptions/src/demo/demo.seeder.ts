import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { CatalogService } from '../catalog/catalog.service';
import { PrescriptionsConfig } from '../config';
import { newAccessCode, newPrescriptionKey } from '../prescriptions/access-code';
import { PrescriptionsRepository } from '../prescriptions/prescriptions.repository';
import { addDays, warsawDate } from '../prescriptions/warsaw-date';
import { DEMO_DOCTOR_ID, DEMO_PATIENT_ID, DEMO_PRESCRIPTIONS } from './demo-prescriptions';
import { DemoRepository } from './demo.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * With SEED_DEMO_DATA=true: gives the demo patient (patient@demo.test) the
 * demo doctor's prescriptions of DEMO_PRESCRIPTIONS, dated back from the
 * first start, once (a patient who has any prescription is left alone).
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly demo: DemoRepository,
    private readonly prescriptions: PrescriptionsRepository,
    private readonly catalog: CatalogService,
    private readonly config: PrescriptionsConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const seeded = await this.seed();
    this.logger.log({ prescriptions: seeded }, 'demo prescriptions ready');
  }

  /** Answers how many prescriptions it wrote (0 when the demo patient had some already). */
  async seed(): Promise<number> {
    await this.catalog.ready();
    const now = this.clock.now();
    return this.demo.underSeedLock(async (tx) => {
      if (await this.demo.hasPrescriptions(tx, DEMO_PATIENT_ID)) return 0;
      for (const demo of DEMO_PRESCRIPTIONS) {
        const issuedAt = new Date(now.getTime() - demo.issuedDaysAgo * DAY_MS);
        const validFrom = warsawDate(issuedAt);
        const items = [];
        for (const item of demo.items) {
          items.push({
            medicineId: await this.demo.medicineId(tx, item.name, item.strength, item.packSize),
            dosage: item.dosage,
            quantity: item.quantity,
            refundLevel: item.refundLevel,
            noSubstitution: false,
            supplyDays: item.supplyDays ?? null,
          });
        }
        const id = await this.prescriptions.insert(tx, {
          patientId: DEMO_PATIENT_ID,
          doctorId: DEMO_DOCTOR_ID,
          appointmentId: null,
          renewalRequestId: null,
          accessCode: newAccessCode(),
          key: newPrescriptionKey(),
          issuedAt,
          validFrom,
          validDays: demo.validDays,
          validUntil: addDays(validFrom, demo.validDays - 1),
          items,
        });
        if (demo.dispensed) await this.demo.markDispensed(tx, id, new Date(issuedAt.getTime() + DAY_MS));
      }
      return DEMO_PRESCRIPTIONS.length;
    });
  }
}
