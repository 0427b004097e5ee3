import { OutboxEntity, type ServiceDatabase } from '@pacjent/platform';
import { AppointmentEntity } from './appointments/appointment.entity';
import { DoctorServiceEntity } from './catalog/doctor-service.entity';
import { DoctorEntity } from './catalog/doctor.entity';
import { FacilityEntity } from './catalog/facility.entity';
import { MedicalServiceEntity } from './catalog/medical-service.entity';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { CreateBookingSchema1764086400000 } from './migrations/1764086400000-create-booking-schema';
import { AppointmentOverlapAndReferrals1764259200000 } from './migrations/1764259200000-appointment-overlap-and-referrals';
import { ReferralReleaseEntity } from './referrals/referral-release.entity';
import { ScheduleTemplates1764345600000 } from './migrations/1764345600000-schedule-templates';
import { SlotAlerts1764432000000 } from './migrations/1764432000000-slot-alerts';
import { Outbox1764518400000 } from './migrations/1764518400000-outbox';
import { ScheduleTemplateSlots1764604800000 } from './migrations/1764604800000-schedule-template-slots';
import { SlotSearchCoveringIndex1764691200000 } from './migrations/1764691200000-slot-search-covering-index';
import { SlotWithdrawal1764777600000 } from './migrations/1764777600000-slot-withdrawal';
import { SlotLiveUniqueness1764864000000 } from './migrations/1764864000000-slot-live-uniqueness';
import { AppointmentNoShow1765000000000 } from './migrations/1765000000000-appointment-no-show';
import { RecordNotifications1766100000000 } from './migrations/1766100000000-record-notifications';
import { RenewalNotifications1767000000000 } from './migrations/1767000000000-renewal-notifications';

import { NotificationEntity } from './alerts/notification.entity';
import { SlotAlertEntity } from './alerts/slot-alert.entity';
import { ScheduleTemplateEntity } from './schedules/schedule-template.entity';
import { SlotEntity } from './slots/slot.entity';

export const BookingDatabase: ServiceDatabase = {
  schema: 'booking',
  entities: [
    FacilityEntity,
    MedicalServiceEntity,
    DoctorEntity,
    DoctorServiceEntity,
    SlotEntity,
    AppointmentEntity,
    IdempotencyKeyEntity,
    ReferralReleaseEntity,
    ScheduleTemplateEntity,
    SlotAlertEntity,
    NotificationEntity,
    OutboxEntity,
  ],
  migrations: [
    CreateBookingSchema1764086400000,
    AppointmentOverlapAndReferrals1764259200000,
    ScheduleTemplates1764345600000,
    SlotAlerts1764432000000,
    Outbox1764518400000,
    ScheduleTemplateSlots1764604800000,
    SlotSearchCoveringIndex1764691200000,
    SlotWithdrawal1764777600000,
    SlotLiveUniqueness1764864000000,
    AppointmentNoShow1765000000000,
    RecordNotifications1766100000000,
    RenewalNotifications1767000000000,
  ],
};
