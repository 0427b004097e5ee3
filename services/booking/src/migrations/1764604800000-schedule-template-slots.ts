import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff edit weekly schedules: a slot remembers the template that generated
 * it (so deleting a template can remove its free slots; booked ones keep
 * their visit and lose the link), and one doctor's templates may not overlap
 * on a weekday — an exclusion constraint, so two staff members saving at once
 * cannot both win.
 */
export class ScheduleTemplateSlots1764604800000 implements MigrationInterface {
  name = 'ScheduleTemplateSlots1764604800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(`
      ALTER TABLE "booking"."slots"
        ADD COLUMN "schedule_template_id" uuid,
        ADD CONSTRAINT "FK_slots_schedule_template_id" FOREIGN KEY ("schedule_template_id")
          REFERENCES "booking"."schedule_templates" ("id") ON DELETE SET NULL`);
    await queryRunner.query(
      'CREATE INDEX "IDX_slots_schedule_template_id" ON "booking"."slots" ("schedule_template_id")',
    );
    // Slots generated before this migration: link them to the template whose weekday, hours, length,
    // service, channel and facility they fit (Warsaw time), so deleting that template removes them too.
    await queryRunner.query(`
      UPDATE "booking"."slots" s SET schedule_template_id = st.id
        FROM "booking"."schedule_templates" st
       WHERE st.doctor_id = s.doctor_id AND st.service_id = s.service_id AND st.channel = s.channel
         AND st.facility_id IS NOT DISTINCT FROM s.facility_id
         AND extract(isodow FROM s.starts_at AT TIME ZONE 'Europe/Warsaw') = st.weekday
         AND (s.starts_at AT TIME ZONE 'Europe/Warsaw')::time >= st.starts_at
         AND (s.ends_at AT TIME ZONE 'Europe/Warsaw')::time <= st.ends_at
         AND s.ends_at - s.starts_at = make_interval(mins => st.slot_minutes)`);
    await queryRunner.query(`
      ALTER TABLE "booking"."schedule_templates"
        ADD CONSTRAINT "EXC_schedule_templates_doctor_id_overlap"
          EXCLUDE USING gist ("doctor_id" WITH =, "weekday" WITH =,
            tsrange('2000-01-01'::date + "starts_at", '2000-01-01'::date + "ends_at") WITH &&)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "booking"."schedule_templates" DROP CONSTRAINT "EXC_schedule_templates_doctor_id_overlap"',
    );
    await queryRunner.query('DROP INDEX "booking"."IDX_slots_schedule_template_id"');
    await queryRunner.query(`
      ALTER TABLE "booking"."slots"
        DROP CONSTRAINT "FK_slots_schedule_template_id",
        DROP COLUMN "schedule_template_id"`);
  }
}
