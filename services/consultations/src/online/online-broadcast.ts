import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { OnlineChatStream, Subjects, type OnlineQueueChanged } from '@pacjent/contracts';
import { busSubject, ensureStream, natsConnectionOptions, PlatformConfig, streamManagerOf } from '@pacjent/platform';
import { connect, JSONCodec, RetentionPolicy, StorageType, type NatsConnection } from 'nats';

const codec = JSONCodec<OnlineQueueChanged>();
const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

/**
 * Consultations' NATS side of online consultations: it keeps the chat stream
 * (transcript entries reach it through the outbox; the database holds the
 * transcript for good, the stream a day of it) and tells every gateway, over
 * core NATS, which consultations and queues changed so they push fresh views.
 * A lost "changed" only delays a position on screen until the next one.
 */
@Injectable()
export class OnlineBroadcast implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OnlineBroadcast.name);
  private connection: NatsConnection | null = null;

  constructor(private readonly config: PlatformConfig) {}

  async onModuleInit(): Promise<void> {
    this.connection = await connect(natsConnectionOptions(this.config, 'consultations-online'));
    await ensureStream(
      await streamManagerOf(this.connection),
      {
        name: OnlineChatStream,
        subjects: [`*.${Subjects.consultations.onlineChatPrefix}.>`],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: DAY_NS,
      },
      this.config.JETSTREAM_REPLICAS,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) await this.connection.drain();
  }

  changed(consultationIds: string[], specialties: string[]): void {
    if (consultationIds.length === 0 && specialties.length === 0) return;
    try {
      this.connection?.publish(
        busSubject(Subjects.consultations.onlineChanged),
        codec.encode({ consultationIds, specialties: [...new Set(specialties)] }),
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'could not announce an online queue change');
    }
  }
}
