import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A doctor may mark a visit as a no-show (consultations records it, booking keeps the status). */
export class AppointmentNoShow1765000000000 implements MigrationInterface {
  name = 'AppointmentNoShow1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking"."appointments" DROP CONSTRAINT "CHK_appointments_status"`);
    await queryRunner.query(
      `ALTER TABLE "booking"."appointments" ADD CONSTRAINT "CHK_appointments_status" CHECK ("status" IN ('booked', 'cancelled', 'completed', 'no_show'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking"."appointments" DROP CONSTRAINT "CHK_appointments_status"`);
    await queryRunner.query(
      `ALTER TABLE "booking"."appointments" ADD CONSTRAINT "CHK_appointments_status" CHECK ("status" IN ('booked', 'cancelled', 'completed'))`,
    );
  }
}
