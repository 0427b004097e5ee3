import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, EventStreams, Subjects, VisitPrescriptionsEvent } from '@pacjent/contracts';
import { DurableEventConsumer, PlatformConfig, natsConnectionOptions, validateInput } from '@pacjent/platform';
import { PrescriptionsService } from '../prescriptions/prescriptions.service';

/**
 * Prescriptions' side of completing a visit (ADR 0017): consultations stores
 * the outcome and a VisitPrescriptionsEvent in one transaction and publishes
 * it through its outbox; this durable consumer issues the prescriptions and
 * acknowledges only afterwards. Events published while this service is down
 * wait in the stream; a redelivered one issues nothing new.
 */
@Injectable()
export class VisitPrescriptionsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(VisitPrescriptionsConsumer.name);
  private readonly consumer: DurableEventConsumer;

  constructor(
    private readonly prescriptions: PrescriptionsService,
    config: PlatformConfig,
  ) {
    this.consumer = new DurableEventConsumer({
      nats: natsConnectionOptions(config, 'prescriptions-visit-prescriptions'),
      stream: EventStreams.consultations,
      service: 'consultations',
      replicas: config.JETSTREAM_REPLICAS,
      durable: 'prescriptions-visit-prescriptions',
      subject: Subjects.consultations.visitPrescriptionsEvent,
      handle: (payload) => this.apply(payload),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async apply(payload: unknown): Promise<void> {
    const event = validateInput(VisitPrescriptionsEvent, payload);
    try {
      const issued = await this.prescriptions.issueForVisit(event);
      this.logger.log({ appointmentId: event.appointmentId, issued }, 'visit prescriptions issued');
    } catch (error) {
      // Consultations asked the same checks before it stored the outcome, so a refusal here is a
      // contradiction no retry can mend (a catalog row removed meanwhile): say so loudly, do not loop.
      if (!(error instanceof DomainError)) throw error;
      this.logger.error(
        { appointmentId: event.appointmentId, code: error.code, details: error.details },
        'visit prescriptions refused; the outcome stands without them',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
