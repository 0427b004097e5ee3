import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BusClient, ObjectStorage, PlatformModule } from '@pacjent/platform';
import { MeController } from './accounts/me.controller';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AppointmentsController } from './booking/appointments.controller';
import { CatalogController } from './booking/catalog.controller';
import { SlotsController } from './booking/slots.controller';
import { SlotAlertsController } from './booking/slot-alerts.controller';
import { StaffAppointmentsController } from './booking/staff-appointments.controller';
import { StaffSchedulesController } from './booking/staff-schedules.controller';
import { GatewayConfig } from './config';
import { DoctorFilesController } from './files/doctor-files.controller';
import { FileUploadService } from './files/file-upload.service';
import { FilesController } from './files/files.controller';
import { GatewayDrain } from './health/gateway-drain';
import { HealthController } from './health/health.controller';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsFeed } from './notifications/notifications.feed';
import { NotificationsHub } from './notifications/notifications.hub';
import { NotificationsMetrics } from './notifications/notifications.metrics';
import { ContactRequestsController } from './identity/contact-requests.controller';
import { StaffController } from './identity/staff.controller';
import { VerificationController } from './identity/verification.controller';

@Module({
  imports: [PlatformModule.forService('gateway', GatewayConfig)],
  controllers: [
    AuthController,
    MeController,
    CatalogController,
    SlotsController,
    AppointmentsController,
    StaffAppointmentsController,
    StaffSchedulesController,
    SlotAlertsController,
    NotificationsController,
    HealthController,
    VerificationController,
    ContactRequestsController,
    StaffController,
    FilesController,
    DoctorFilesController,
  ],
  providers: [
    {
      provide: BusClient,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) =>
        BusClient.connect({
          url: config.NATS_URL,
          name: `gateway-${config.INSTANCE_ID}`,
          timeoutMs: config.BUS_TIMEOUT_MS,
        }),
    },
    AccessTokenVerifier,
    NotificationsHub,
    NotificationsFeed,
    { provide: ObjectStorage, useFactory: () => ObjectStorage.fromEnv() },
    FileUploadService,
    { provide: APP_GUARD, useClass: AuthGuard },
    GatewayDrain,
    NotificationsMetrics,
  ],
})
export class GatewayModule {}
