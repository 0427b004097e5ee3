import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStreams, Subjects, VisitOutcomeEvent } from '@pacjent/contracts';
import { DurableEventConsumer, PlatformConfig, validateInput, natsConnectionOptions } from '@pacjent/platform';
import { VisitOutcomesRepository } from './visit-outcomes.repository';

/**
 * Booking's side of completing a visit (ADR 0012): consultations records the
 * outcome and publishes VisitOutcomeEvent through its outbox; booking reads
 * it through a durable consumer and sets the appointment's status. Events
 * published while booking is down wait in the stream.
 */
@Injectable()
export class VisitOutcomesConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VisitOutcomesConsumer.name);
  private readonly consumer: DurableEventConsumer;

  constructor(
    private readonly visits: VisitOutcomesRepository,
    config: PlatformConfig,
  ) {
    this.consumer = new DurableEventConsumer({
      nats: natsConnectionOptions(config, 'booking-visit-outcomes'),
      stream: EventStreams.consultations,
      service: 'consultations',
      replicas: config.JETSTREAM_REPLICAS,
      durable: 'booking-visit-outcomes',
      subject: Subjects.consultations.visitOutcomeEvent,
      handle: (payload) => this.apply(payload),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async apply(payload: unknown): Promise<void> {
    const event = validateInput(VisitOutcomeEvent, payload);
    const changed = await this.visits.applyOutcome(event.appointmentId, event.status);
    this.logger.log({ appointmentId: event.appointmentId, status: event.status, changed }, 'visit outcome applied');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
