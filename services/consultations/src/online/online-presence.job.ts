import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@pacjent/platform';
import { ConsultationsConfig } from '../config';
import { OnlineBroadcast } from './online-broadcast';
import { OnlineRepository } from './online.repository';

/**
 * No ghosts in the queue: the gateway reports the waiting consultations its
 * live pages show (heartbeats, OnlinePresenceCommand); a waiting consultation
 * not reported for QUEUE_GRACE_SECONDS leaves the queue. Runs on every
 * replica, several times per grace period; the expiry is one UPDATE, so two
 * replicas never expire the same consultation twice.
 */
@Injectable()
export class OnlinePresenceJob implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OnlinePresenceJob.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly online: OnlineRepository,
    private readonly broadcast: OnlineBroadcast,
    private readonly config: ConsultationsConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const everyMs = Math.min(5_000, (this.config.QUEUE_GRACE_SECONDS * 1000) / 4);
    this.timer = setInterval(() => void this.expire(), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async expire(): Promise<number> {
    const now = this.clock.now();
    try {
      const cutoff = new Date(now.getTime() - this.config.QUEUE_GRACE_SECONDS * 1000);
      const left = await this.online.expireStale(cutoff, now);
      if (left.length > 0) {
        this.logger.log({ consultations: left.map((consultation) => consultation.id) }, 'left the queue: page gone');
        this.broadcast.changed(
          left.map((consultation) => consultation.id),
          left.map((consultation) => consultation.specialty),
        );
      }
      return left.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not expire stale waiting consultations');
      return 0;
    }
  }
}
