import { OutboxEntity, type ServiceDatabase } from '@pacjent/platform';
import { MedicineEntity } from './catalog/medicine.entity';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { MedicinesPrescriptionsRenewals1764950400000 } from './migrations/1764950400000-medicines-prescriptions-renewals';
import { VisitPrescriptionsIdempotency1767000000000 } from './migrations/1767000000000-visit-prescriptions-idempotency';
import { Outbox1767000000001 } from './migrations/1767000000001-outbox';
import { RenewalPoolSpecialties1767000000002 } from './migrations/1767000000002-renewal-pool-specialties';
import { PrescriptionItemEntity } from './prescriptions/prescription-item.entity';
import { PrescriptionEntity } from './prescriptions/prescription.entity';
import { RenewalDailyCountEntity } from './renewals/renewal-daily-count.entity';
import { RenewalRequestItemEntity } from './renewals/renewal-request-item.entity';
import { RenewalRequestEntity } from './renewals/renewal-request.entity';

export const PrescriptionsDatabase: ServiceDatabase = {
  schema: 'prescriptions',
  entities: [
    MedicineEntity,
    PrescriptionEntity,
    PrescriptionItemEntity,
    RenewalRequestEntity,
    RenewalRequestItemEntity,
    RenewalDailyCountEntity,
    OutboxEntity,
  ],
  migrations: [
    CreateSchema1764086400000,
    MedicinesPrescriptionsRenewals1764950400000,
    VisitPrescriptionsIdempotency1767000000000,
    Outbox1767000000001,
    RenewalPoolSpecialties1767000000002,
  ],
};
