import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Doctors' weekly templates per facility and channel, from which the slot job generates slots. */
export class ScheduleTemplates1764345600000 implements MigrationInterface {
  name = 'ScheduleTemplates1764345600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "booking"."schedule_templates" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "doctor_id" uuid NOT NULL,
        "service_id" uuid NOT NULL,
        "facility_id" uuid,
        "channel" text NOT NULL,
        "weekday" integer NOT NULL,
        "starts_at" time NOT NULL,
        "ends_at" time NOT NULL,
        "slot_minutes" integer NOT NULL,
        CONSTRAINT "PK_schedule_templates" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_schedule_templates_weekday" CHECK ("weekday" BETWEEN 1 AND 7),
        CONSTRAINT "CHK_schedule_templates_hours" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "CHK_schedule_templates_slot_minutes" CHECK ("slot_minutes" BETWEEN 5 AND 480),
        CONSTRAINT "CHK_schedule_templates_channel" CHECK ("channel" IN ('in_person', 'phone', 'video')),
        CONSTRAINT "CHK_schedule_templates_facility" CHECK (("channel" = 'in_person') = ("facility_id" IS NOT NULL)),
        CONSTRAINT "FK_schedule_templates_doctor_id" FOREIGN KEY ("doctor_id")
          REFERENCES "booking"."doctors" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_schedule_templates_service_id" FOREIGN KEY ("service_id")
          REFERENCES "booking"."services" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_schedule_templates_facility_id" FOREIGN KEY ("facility_id")
          REFERENCES "booking"."facilities" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_schedule_templates_doctor_id" ON "booking"."schedule_templates" ("doctor_id")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "booking"."schedule_templates"');
  }
}
