import { OutboxEntity, type ServiceDatabase } from '@pacjent/platform';

import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { TreatmentRecord1765000000000 } from './migrations/1765000000000-treatment-record';
import { LabResults1766000000000 } from './migrations/1766000000000-lab-results';
import { LabReportDocuments1766000000001 } from './migrations/1766000000001-lab-report-documents';
import { OnlineConsultations1767000000000 } from './migrations/1767000000000-online-consultations';
import { OnlineSharedFiles1767100000000 } from './migrations/1767100000000-online-shared-files';
import { OnlineChatClientMessageId1767200000000 } from './migrations/1767200000000-online-chat-client-message-id';
import { OnlineConsultationEntity } from './online/online-consultation.entity';
import { OnlineDutyEntity } from './online/online-duty.entity';
import { OnlineMessageEntity } from './online/online-message.entity';
import { QuestionEntity } from './questions/question.entity';
import { ReferralReservationEntity } from './referrals/referral-reservation.entity';
import { ReferralEntity } from './referrals/referral.entity';
import { LabObservationEntity } from './results/lab-observation.entity';
import { LabReportEntity } from './results/lab-report.entity';
import { VisitOutcomeEntity } from './visits/visit-outcome.entity';

export const ConsultationsDatabase: ServiceDatabase = {
  schema: 'consultations',
  entities: [
    VisitOutcomeEntity,
    ReferralEntity,
    ReferralReservationEntity,
    QuestionEntity,
    OutboxEntity,
    LabReportEntity,
    LabObservationEntity,
    OnlineDutyEntity,
    OnlineConsultationEntity,
    OnlineMessageEntity,
  ],
  migrations: [
    CreateSchema1764086400000,
    TreatmentRecord1765000000000,
    LabResults1766000000000,
    LabReportDocuments1766000000001,
    OnlineConsultations1767000000000,
    OnlineSharedFiles1767100000000,
    OnlineChatClientMessageId1767200000000,
  ],
};
