import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { RecordNotificationsConsumer } from './record-notifications.consumer';

/** Notifications from consultations' events: a new lab result, the doctor's answer (ADR 0006). */
@Module({
  imports: [AlertsModule],
  providers: [RecordNotificationsConsumer],
})
export class RecordNotificationsModule {}
