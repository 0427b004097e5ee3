import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications of a doctor's decision on a renewal request (prescriptions' RenewalDecidedEvent, ADR 0017). */
export class RenewalNotifications1767000000000 implements MigrationInterface {
  name = 'RenewalNotifications1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "booking"."notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('slot_available', 'appointment_moved', 'result_available', 'question_answered', 'renewal_approved', 'renewal_declined'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "booking"."notifications" WHERE "kind" IN ('renewal_approved', 'renewal_declined')`,
    );
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "booking"."notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('slot_available', 'appointment_moved', 'result_available', 'question_answered'))`,
    );
  }
}
