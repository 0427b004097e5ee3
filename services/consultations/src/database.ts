import type { ServiceDatabase } from '@pacjent/platform';
import { OutboxEntity } from './events/outbox.entity';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { TreatmentRecord1765000000000 } from './migrations/1765000000000-treatment-record';
import { QuestionEntity } from './questions/question.entity';
import { ReferralReservationEntity } from './referrals/referral-reservation.entity';
import { ReferralEntity } from './referrals/referral.entity';
import { VisitOutcomeEntity } from './visits/visit-outcome.entity';

export const ConsultationsDatabase: ServiceDatabase = {
  schema: 'consultations',
  entities: [VisitOutcomeEntity, ReferralEntity, ReferralReservationEntity, QuestionEntity, OutboxEntity],
  migrations: [CreateSchema1764086400000, TreatmentRecord1765000000000],
};
