import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank attempts are bound to the browser that started them (the hash of a
 * cookie's value) and can be cancelled by logout. Attempts started before
 * have no binding and could be completed from any browser: they are dropped
 * (they live ten minutes; the patient starts again).
 */
export class BankAttemptBrowserBinding1796303775000 implements MigrationInterface {
  name = 'BankAttemptBrowserBinding1796303775000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "identity"."bank_verification_attempts"');
    await queryRunner.query(
      'ALTER TABLE "identity"."bank_verification_attempts" ADD "binding_hash" text NOT NULL, ADD "cancelled_at" timestamptz',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "identity"."bank_verification_attempts" DROP COLUMN "cancelled_at", DROP COLUMN "binding_hash"',
    );
  }
}
