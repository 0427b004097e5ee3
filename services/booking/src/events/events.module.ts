import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay.service';

@Module({ providers: [EventRelay], exports: [EventRelay] })
export class EventsModule {}
