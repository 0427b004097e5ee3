import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A report may carry the lab's PDF, kept by the files service under this id. */
export class LabReportDocuments1766000000001 implements MigrationInterface {
  name = 'LabReportDocuments1766000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultations"."lab_reports" ADD "document_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultations"."lab_reports" DROP COLUMN "document_id"`);
  }
}
