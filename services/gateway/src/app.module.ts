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
import { SessionRevocations } from './auth/session-revocations';
import { LabResultsController } from './lab/lab-results.controller';
import { RecordExportController } from './results/record-export.controller';
import { ResultsController } from './results/results.controller';
import { RateLimitGuard } from './rate-limits/rate-limit.guard';
import { RateLimits } from './rate-limits/rate-limits';
import { MedicinesCatalogController } from './prescriptions/medicines-catalog.controller';
import { DoctorPrescriptionsController } from './doctor/doctor-prescriptions.controller';
import { PatientMedicinesController, PrescriptionsController } from './prescriptions/prescriptions.controller';
import { RenewalsController } from './prescriptions/renewals.controller';
import { DoctorRenewalsController } from './doctor/doctor-renewals.controller';
import { DoctorVisitsController } from './doctor/doctor-visits.controller';
import { ReferralsController } from './record/referrals.controller';
import { RecordController } from './record/record.controller';
import { DoctorQuestionsController } from './doctor/doctor-questions.controller';
import { DoctorDayController } from './doctor/doctor-day.controller';
import { DoctorOnlineController } from './online/doctor-online.controller';
import { OnlineController } from './online/online.controller';
import { RealtimeHub } from './realtime/realtime.hub';

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
    LabResultsController,
    ResultsController,
    RecordExportController,
    MedicinesCatalogController,
    DoctorPrescriptionsController,
    PrescriptionsController,
    PatientMedicinesController,
    RenewalsController,
    DoctorRenewalsController,
    DoctorVisitsController,
    ReferralsController,
    RecordController,
    DoctorQuestionsController,
    DoctorDayController,
    OnlineController,
    DoctorOnlineController,
  ],
  providers: [
    {
      provide: BusClient,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => BusClient.fromConfig(config, 'gateway'),
    },
    AccessTokenVerifier,
    NotificationsHub,
    NotificationsFeed,
    { provide: ObjectStorage, useFactory: () => ObjectStorage.fromEnv() },
    FileUploadService,
    { provide: APP_GUARD, useClass: AuthGuard },
    SessionRevocations,
    { provide: RateLimits, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => RateLimits.connect(config) },
    // After AuthGuard: per-account limits need the verified caller.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    GatewayDrain,
    NotificationsMetrics,
    RealtimeHub,
  ],
})
export class GatewayModule {}
