import type { ServiceDatabase } from '@pacjent/platform';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { LabResults1766000000000 } from './migrations/1766000000000-lab-results';
import { LabReportDocuments1766000000001 } from './migrations/1766000000001-lab-report-documents';
import { LabObservationEntity } from './results/lab-observation.entity';
import { LabReportEntity } from './results/lab-report.entity';

export const ConsultationsDatabase: ServiceDatabase = {
  schema: 'consultations',
  entities: [LabReportEntity, LabObservationEntity],
  migrations: [CreateSchema1764086400000, LabResults1766000000000, LabReportDocuments1766000000001],
};
