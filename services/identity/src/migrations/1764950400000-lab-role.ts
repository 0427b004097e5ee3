import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Laboratories sign in too (role `lab`): they post test results for patients. */
export class LabRole1764950400000 implements MigrationInterface {
  name = 'LabRole1764950400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity"."accounts" DROP CONSTRAINT "CHK_accounts_roles"`);
    await queryRunner.query(
      `ALTER TABLE "identity"."accounts" ADD CONSTRAINT "CHK_accounts_roles" CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['patient', 'staff', 'doctor', 'lab']::text[])`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity"."accounts" DROP CONSTRAINT "CHK_accounts_roles"`);
    await queryRunner.query(
      `ALTER TABLE "identity"."accounts" ADD CONSTRAINT "CHK_accounts_roles" CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['patient', 'staff', 'doctor']::text[])`,
    );
  }
}
