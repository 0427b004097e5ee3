import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay.service';
import { OutboxRepository } from './outbox.repository';

@Module({ providers: [OutboxRepository, EventRelay], exports: [EventRelay] })
export class EventsModule {}
