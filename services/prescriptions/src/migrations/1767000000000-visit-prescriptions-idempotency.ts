import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issuing made repeat-safe (ADR 0017). A visit's completion issues one
 * prescription per line of its outcome form: (appointment_id, visit_line) is
 * unique, so a redelivered event issues nothing new. A doctor's direct issue
 * with an Idempotency-Key stores the key and the request's hash: (doctor_id,
 * idempotency_key) is unique, so concurrent repeats insert one row.
 * NULLs never conflict, so prescriptions without a line or a key are unaffected.
 */
export class VisitPrescriptionsIdempotency1767000000000 implements MigrationInterface {
  name = 'VisitPrescriptionsIdempotency1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "prescriptions"."prescriptions"
        ADD "visit_line" smallint,
        ADD "idempotency_key" text,
        ADD "request_hash" text,
        ADD CONSTRAINT "UQ_prescriptions_appointment_id_visit_line" UNIQUE ("appointment_id", "visit_line"),
        ADD CONSTRAINT "UQ_prescriptions_doctor_id_idempotency_key" UNIQUE ("doctor_id", "idempotency_key"),
        ADD CONSTRAINT "CHK_prescriptions_visit_line" CHECK ("visit_line" IS NULL OR ("appointment_id" IS NOT NULL AND "visit_line" BETWEEN 1 AND 5)),
        ADD CONSTRAINT "CHK_prescriptions_idempotency" CHECK (("idempotency_key" IS NULL) = ("request_hash" IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "prescriptions"."prescriptions"
        DROP CONSTRAINT "CHK_prescriptions_idempotency",
        DROP CONSTRAINT "CHK_prescriptions_visit_line",
        DROP CONSTRAINT "UQ_prescriptions_doctor_id_idempotency_key",
        DROP CONSTRAINT "UQ_prescriptions_appointment_id_visit_line",
        DROP COLUMN "request_hash",
        DROP COLUMN "idempotency_key",
        DROP COLUMN "visit_line"`);
  }
}
