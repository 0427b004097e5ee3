import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications from consultations' events (a new lab result, the doctor's
 * answer): no alert or slot, a title and a link instead, and the event's id,
 * unique, so a redelivered event adds nothing.
 */
export class RecordNotifications1766100000000 implements MigrationInterface {
  name = 'RecordNotifications1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "booking"."notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('slot_available', 'appointment_moved', 'result_available', 'question_answered'))`,
    );
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ALTER COLUMN "alert_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ALTER COLUMN "slot_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ADD "title" text`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ADD "link" text`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ADD "event_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "booking"."notifications" ADD CONSTRAINT "UQ_notifications_event_id" UNIQUE ("event_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "booking"."notifications" WHERE "kind" IN ('result_available', 'question_answered')`,
    );
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP CONSTRAINT "UQ_notifications_event_id"`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP COLUMN "event_id"`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP COLUMN "link"`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP COLUMN "title"`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ALTER COLUMN "slot_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" ALTER COLUMN "alert_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "booking"."notifications" DROP CONSTRAINT "CHK_notifications_kind"`);
    await queryRunner.query(
      `ALTER TABLE "booking"."notifications" ADD CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('slot_available', 'appointment_moved'))`,
    );
  }
}
