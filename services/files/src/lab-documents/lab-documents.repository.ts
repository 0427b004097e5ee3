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

  /**
   * Takes up to `limit` pending documents created before `staleBefore` under
   * row locks, removes each one's object, then the rows; answers how many.
   */
  removeStalePending(staleBefore: Date, limit: number, removeObject: (key: string) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const stale: Array<{ id: string; object_key: string }> = await tx.query(
        `SELECT id, object_key FROM "files"."lab_documents"
          WHERE status = 'pending' AND created_at <= $1
          ORDER BY created_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [staleBefore, limit],
      );
      for (const document of stale) await removeObject(document.object_key);
      if (stale.length > 0) {
        await tx.query(`DELETE FROM "files"."lab_documents" WHERE id = ANY($1::uuid[])`, [stale.map((d) => d.id)]);
      }
      return stale.length;
    });
  }
}
