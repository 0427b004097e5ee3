import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay.service';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxRepository } from './outbox.repository';

@Module({ providers: [OutboxRepository, EventRelay, OutboxMetrics], exports: [EventRelay] })
export class EventsModule {}
