import type { ServiceDatabase } from '@pacjent/platform';
import { FileEntity } from './files/file.entity';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { CreateFiles1764172800000 } from './migrations/1764172800000-create-files';

export const FilesDatabase: ServiceDatabase = {
  schema: 'files',
  entities: [FileEntity],
  migrations: [CreateSchema1764086400000, CreateFiles1764172800000],
};
