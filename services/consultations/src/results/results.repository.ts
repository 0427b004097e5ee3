import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { preparedQuery } from '@pacjent/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { LabReportInput } from './lab-bundle';
import { LabObservationEntity } from './lab-observation.entity';
import { LabReportEntity } from './lab-report.entity';
import { RESULTS_PAGE_JSON } from './results-json';

export interface StoredReport {
  id: string;
  created: boolean;
  observations: number;
}

/** Lab reports and their values in consultations' schema. */
@Injectable()
export class ResultsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a report and its values in one transaction, unless the same lab
   * already sent a report under the same name: then nothing changes and the
   * stored report answers. The unique constraint decides between two
   * concurrent posts of one report (the second waits, then finds the first).
   * `onCreated` runs in the transaction for a new report only.
   */
  async store(
    patientId: string,
    labAccountId: string,
    input: LabReportInput,
    receivedAt: Date,
    documentId: string | null = null,
    manager: EntityManager = this.dataSource.manager,
    /** Runs in the same transaction, only when the report is new (e.g. to write its outbox event). */
    onCreated?: (tx: EntityManager, reportId: string) => Promise<void>,
  ): Promise<StoredReport> {
    return manager.transaction(async (tx) => {
      const id = randomUUID();
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO "consultations"."lab_reports"
           (id, patient_id, lab_account_id, source_key, code, name, status, laboratory, effective_at, issued_at, received_at, document_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT ON CONSTRAINT "UQ_lab_reports_source" DO NOTHING
         RETURNING id`,
        [
          id,
          patientId,
          labAccountId,
          input.sourceKey,
          input.code,
          input.name,
          input.status,
          input.laboratory,
          input.effectiveAt,
          input.issuedAt,
          receivedAt,
          documentId,
        ],
      );
      if (inserted.length === 0) {
        const existing = await tx.findOneOrFail(LabReportEntity, {
          where: { labAccountId, sourceKey: input.sourceKey },
        });
        const count = await tx.count(LabObservationEntity, { where: { reportId: existing.id } });
        return { id: existing.id, created: false, observations: count };
      }
      await tx.insert(
        LabObservationEntity,
        input.observations.map((observation, position) => ({
          id: randomUUID(),
          reportId: id,
          patientId,
          position,
          ...observation,
        })),
      );
      if (onCreated) await onCreated(tx, id);
      return { id, created: true, observations: input.observations.length };
    });
  }

  /** One page of the patient's reports, newest first, with their values: a ResultsPage's JSON text. */
  async pageJson(patientId: string, page: number, pageSize: number): Promise<string> {
    const [row] = await preparedQuery<{ json: string }>(this.dataSource, RESULTS_PAGE_JSON, [
      patientId,
      pageSize,
      (page - 1) * pageSize,
      page,
    ]);
    return row!.json;
  }

  /** Every report of the patient, oldest first (the export). */
  async all(patientId: string): Promise<LabReportEntity[]> {
    const reports = await this.dataSource
      .getRepository(LabReportEntity)
      .find({ where: { patientId }, order: { effectiveAt: 'ASC', id: 'ASC' } });
    await this.attachObservations(reports);
    return reports;
  }

  /** One report, only when it is the patient's. */
  async findOwn(patientId: string, id: string): Promise<LabReportEntity | null> {
    const report = await this.dataSource.getRepository(LabReportEntity).findOne({ where: { id, patientId } });
    if (report) await this.attachObservations([report]);
    return report;
  }

  /** One parameter across all the patient's results, oldest first. */
  series(patientId: string, code: string): Promise<LabObservationEntity[]> {
    return this.dataSource.getRepository(LabObservationEntity).find({
      where: { patientId, code },
      order: { effectiveAt: 'ASC', id: 'ASC' },
    });
  }

  private async attachObservations(reports: LabReportEntity[]): Promise<void> {
    if (reports.length === 0) return;
    const rows = await this.dataSource
      .getRepository(LabObservationEntity)
      .createQueryBuilder('o')
      .where('o.report_id IN (:...ids)', { ids: reports.map((report) => report.id) })
      .orderBy('o.position', 'ASC')
      .getMany();
    for (const report of reports) report.observations = rows.filter((row) => row.reportId === report.id);
  }
}
