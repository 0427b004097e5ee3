import type { ServiceDatabase } from '@pacjent/platform';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';

export const ConsultationsDatabase: ServiceDatabase = {
  schema: 'consultations',
  entities: [],
  migrations: [CreateSchema1764086400000],
};
