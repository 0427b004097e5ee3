import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slots can be withdrawn. Removing a schedule template deletes its future
 * free slots, but one that still carries a cancelled appointment cannot be
 * deleted (FK_appointments_slot_id keeps the patient's history); it is marked
 * `withdrawn_at` instead and is never searched, booked, moved to or offered
 * to an alert again.
 *
 * The search's covering index becomes partial (same name, key and INCLUDE
 * columns, WHERE withdrawn_at IS NULL), so the search, which now skips
 * withdrawn slots, stays an index-only scan and withdrawn slots do not
 * weigh on it. Rebuilding it locks slot writes (not bookings) for a few
 * seconds on a million slots.
 */
export class SlotWithdrawal1764777600000 implements MigrationInterface {
  name = 'SlotWithdrawal1764777600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking"."slots" ADD COLUMN "withdrawn_at" timestamptz`);
    await queryRunner.query('DROP INDEX "booking"."IDX_slots_service_id_starts_at_id"');
    await queryRunner.query(
      `CREATE INDEX "IDX_slots_service_id_starts_at_id" ON "booking"."slots" ("service_id", "starts_at", "id")
         INCLUDE ("facility_id", "doctor_id", "ends_at", "channel") WHERE "withdrawn_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "booking"."IDX_slots_service_id_starts_at_id"');
    await queryRunner.query(
      `CREATE INDEX "IDX_slots_service_id_starts_at_id" ON "booking"."slots" ("service_id", "starts_at", "id")
         INCLUDE ("facility_id", "doctor_id", "ends_at", "channel")`,
    );
    await queryRunner.query(`ALTER TABLE "booking"."slots" DROP COLUMN "withdrawn_at"`);
  }
}
