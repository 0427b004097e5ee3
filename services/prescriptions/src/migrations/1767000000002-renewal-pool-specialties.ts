import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request whose doctor no longer works here goes to the pool of that
 * doctor's specialties (ADR 0017): any doctor sharing one may take it. An
 * empty list is the open pool (medicines from different doctors): any doctor.
 */
export class RenewalPoolSpecialties1767000000002 implements MigrationInterface {
  name = 'RenewalPoolSpecialties1767000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "prescriptions"."renewal_requests" ADD "pool_specialties" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "prescriptions"."renewal_requests" ADD CONSTRAINT "CHK_renewal_requests_pool_specialties" CHECK ("doctor_id" IS NULL OR cardinality("pool_specialties") = 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "prescriptions"."renewal_requests" DROP CONSTRAINT "CHK_renewal_requests_pool_specialties"`,
    );
    await queryRunner.query(`ALTER TABLE "prescriptions"."renewal_requests" DROP COLUMN "pool_specialties"`);
  }
}
