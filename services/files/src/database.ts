import type { ServiceDatabase } from '@pacjent/platform';
import { FileAccessEntity } from './attachments/file-access.entity';
import { FileAttachmentEntity } from './attachments/file-attachment.entity';
import { FileEntity } from './files/file.entity';
import { LabDocumentEntity } from './lab-documents/lab-document.entity';
import { CreateSchema1764086400000 } from './migrations/1764086400000-create-schema';
import { CreateFiles1764172800000 } from './migrations/1764172800000-create-files';
import { FileAttachments1764259200000 } from './migrations/1764259200000-file-attachments';
import { LabDocuments1766000000000 } from './migrations/1766000000000-lab-documents';

export const FilesDatabase: ServiceDatabase = {
  schema: 'files',
  entities: [FileEntity, FileAttachmentEntity, FileAccessEntity, LabDocumentEntity],
  migrations: [
    CreateSchema1764086400000,
    CreateFiles1764172800000,
    FileAttachments1764259200000,
    LabDocuments1766000000000,
  ],
};
