import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay.service';
import { OutboxMetrics } from './outbox.metrics';

@Module({ providers: [EventRelay, OutboxMetrics], exports: [EventRelay] })
export class EventsModule {}
