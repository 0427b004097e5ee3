import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AccountLevel, DEMO_RECORD, Role, type Actor } from '@pacjent/contracts';
import { ConsultationsConfig } from '../config';
import { OnlineService } from './online.service';

const DEMO_DOCTOR: Actor = { id: DEMO_RECORD.doctorAccountId, roles: [Role.DOCTOR], level: AccountLevel.FULL };
const RETRY_MS = 2_000;
const ATTEMPTS = 30;

/**
 * With SEED_DEMO_DATA=true the demo doctor (doctor@demo.test) is on duty for
 * Internista by chat, voice and video right after start, so a newcomer can
 * try a consultation with two browser windows. Booking may start after this
 * service: the first failure is retried in the background for a minute.
 */
@Injectable()
export class DemoDutySeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoDutySeeder.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly online: OnlineService,
    private readonly config: ConsultationsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SEED_DEMO_DATA) await this.attempt(1);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  private async attempt(n: number): Promise<void> {
    try {
      await this.online.goOnDuty(DEMO_DOCTOR, { specialties: ['Internista'], forms: ['chat', 'voice', 'video'] });
      this.logger.log('the demo doctor is on duty for online consultations (Internista)');
    } catch (error) {
      if (n >= ATTEMPTS) {
        this.logger.warn({ err: error }, 'could not put the demo doctor on duty');
        return;
      }
      this.timer = setTimeout(() => void this.attempt(n + 1), RETRY_MS);
      this.timer.unref();
    }
  }
}
