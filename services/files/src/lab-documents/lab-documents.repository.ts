import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LabDocumentEntity } from './lab-document.entity';

@Injectable()
export class LabDocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(document: Omit<LabDocumentEntity, 'status' | 'patientId'>): Promise<void> {
    await this.dataSource.getRepository(LabDocumentEntity).insert({ ...document, status: 'pending', patientId: null });
  }

  /** Gives the lab's pending document to the patient, in one conditional statement; false when there is none. */
  async assign(id: string, labAccountId: string, patientId: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(LabDocumentEntity)
      .update({ id, labAccountId, status: 'pending' }, { status: 'stored', patientId });
    return (result.affected ?? 0) > 0;
  }

  findStoredOwn(id: string, patientId: string): Promise<LabDocumentEntity | null> {
    return this.dataSource.getRepository(LabDocumentEntity).findOne({ where: { id, patientId, status: 'stored' } });
  }
}
