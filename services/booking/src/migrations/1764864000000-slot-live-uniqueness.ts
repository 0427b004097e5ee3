import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Only live slots are unique per doctor and start. UQ_slots_doctor_id_starts_at
 * also covered withdrawn slots, so recreating a removed template left a
 * permanent gap wherever a withdrawn slot (kept for its cancelled visits) sat:
 * generation's ON CONFLICT skipped that time, and the withdrawn slot can never
 * be booked. It becomes a partial unique index on the same key, WHERE
 * withdrawn_at IS NULL: still never two live slots of a doctor at one start,
 * while a withdrawn slot no longer blocks a new one. Generation separately
 * refuses a new slot overlapping a withdrawn slot whose visit is still booked
 * (SchedulesRepository.generateSlots); the small partial index on withdrawn
 * slots keeps that check off the whole table.
 *
 * Building the unique index locks slot writes (not reads) for a few seconds on
 * a million slots.
 */
export class SlotLiveUniqueness1764864000000 implements MigrationInterface {
  name = 'SlotLiveUniqueness1764864000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking"."slots" DROP CONSTRAINT "UQ_slots_doctor_id_starts_at"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_slots_doctor_id_starts_at_live" ON "booking"."slots" ("doctor_id", "starts_at")
         WHERE "withdrawn_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_slots_doctor_id_starts_at_withdrawn" ON "booking"."slots" ("doctor_id", "starts_at")
         WHERE "withdrawn_at" IS NOT NULL`,
    );
  }

  /** Fails (23505) once a live slot shares its doctor and start with a withdrawn one: that state is new. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "booking"."IDX_slots_doctor_id_starts_at_withdrawn"');
    await queryRunner.query('DROP INDEX "booking"."UQ_slots_doctor_id_starts_at_live"');
    await queryRunner.query(
      `ALTER TABLE "booking"."slots"
         ADD CONSTRAINT "UQ_slots_doctor_id_starts_at" UNIQUE ("doctor_id", "starts_at")`,
    );
  }
}
