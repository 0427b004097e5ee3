import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Laboratory reports and their values, one report per lab identifier. */
export class LabResults1766000000000 implements MigrationInterface {
  name = 'LabResults1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "consultations"."lab_reports" (
        "id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "lab_account_id" uuid NOT NULL,
        "source_key" text NOT NULL,
        "code" text,
        "name" text NOT NULL,
        "status" text NOT NULL,
        "laboratory" text,
        "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "UQ_lab_reports_source" UNIQUE ("lab_account_id", "source_key"),
        CONSTRAINT "CHK_lab_reports_status" CHECK ("status" IN ('registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'cancelled', 'entered-in-error', 'unknown')),
        CONSTRAINT "PK_lab_reports" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_lab_reports_patient_effective" ON "consultations"."lab_reports" ("patient_id", "effective_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "consultations"."lab_observations" (
        "id" uuid NOT NULL,
        "report_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        "value" numeric NOT NULL,
        "unit" text NOT NULL,
        "reference_low" numeric,
        "reference_high" numeric,
        "flag" text,
        "effective_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "UQ_lab_observations_position" UNIQUE ("report_id", "position"),
        CONSTRAINT "CHK_lab_observations_range" CHECK ("reference_low" IS NULL OR "reference_high" IS NULL OR "reference_low" <= "reference_high"),
        CONSTRAINT "CHK_lab_observations_flag" CHECK ("flag" IS NULL OR "flag" IN ('low', 'high', 'normal')),
        CONSTRAINT "PK_lab_observations" PRIMARY KEY ("id"),
        CONSTRAINT "FK_lab_observations_report_id" FOREIGN KEY ("report_id")
          REFERENCES "consultations"."lab_reports" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_lab_observations_series" ON "consultations"."lab_observations" ("patient_id", "code", "effective_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "consultations"."lab_observations"`);
    await queryRunner.query(`DROP TABLE "consultations"."lab_reports"`);
  }
}
