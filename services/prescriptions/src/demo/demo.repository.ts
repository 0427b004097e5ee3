import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

@Injectable()
export class DemoRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction holding the demo lock, so replicas starting together seed once. */
  underSeedLock<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('prescriptions:demo'))`);
      return work(tx);
    });
  }

  async hasPrescriptions(tx: EntityManager, patientId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM "prescriptions"."prescriptions" WHERE patient_id = $1 LIMIT 1`,
      [patientId],
    );
    return rows.length > 0;
  }

  async medicineId(tx: EntityManager, name: string, strength: string, packSize: number): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `SELECT id FROM "prescriptions"."medicines" WHERE name = $1 AND strength = $2 AND pack_size = $3`,
      [name, strength, packSize],
    );
    if (!row) throw new Error(`demo data: ${name} ${strength} x${packSize} is not in the catalog`);
    return row.id;
  }

  async markDispensed(tx: EntityManager, prescriptionId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE "prescriptions"."prescriptions" SET dispensed_at = $2 WHERE id = $1`, [prescriptionId, at]);
  }
}
