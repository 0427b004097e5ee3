import { Global, Module } from '@nestjs/common';
import { ConsultationsEvents } from './consultations-events';

@Global()
@Module({ providers: [ConsultationsEvents], exports: [ConsultationsEvents] })
export class EventsModule {}
