import { Global, Module } from '@nestjs/common';
import { PrescriptionsEvents } from './prescriptions-events';

@Global()
@Module({ providers: [PrescriptionsEvents], exports: [PrescriptionsEvents] })
export class EventsModule {}
