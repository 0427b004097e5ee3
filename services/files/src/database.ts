import type { ServiceDatabase } from '@pacjent/platform';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';

export const FilesDatabase: ServiceDatabase = {
  schema: 'files',
  entities: [],
  migrations: [CreateSchema1764086400000],
};
