import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { NotificationsPublisher } from './notifications.publisher';

@Module({
  imports: [EventsModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, NotificationsPublisher],
  exports: [AlertsRepository, NotificationsPublisher],
})
export class AlertsModule {}
