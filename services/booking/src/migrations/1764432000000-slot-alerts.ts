import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Earlier-slot alerts and the patients' notifications. */
export class SlotAlerts1764432000000 implements MigrationInterface {
  name = 'SlotAlerts1764432000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "booking"."slot_alerts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "service_id" uuid NOT NULL,
        "channel" text,
        "city" text,
        "facility_ids" uuid[] NOT NULL DEFAULT '{}',
        "exclude_doctor_ids" uuid[] NOT NULL DEFAULT '{}',
        "hour_from" integer,
        "hour_to" integer,
        "until" timestamptz NOT NULL,
        "move_appointment_id" uuid,
        "status" text NOT NULL DEFAULT 'active',
        "created_at" timestamptz NOT NULL,
        "fulfilled_at" timestamptz,
        CONSTRAINT "PK_slot_alerts" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_slot_alerts_status" CHECK ("status" IN ('active', 'fulfilled')),
        CONSTRAINT "FK_slot_alerts_service_id" FOREIGN KEY ("service_id")
          REFERENCES "booking"."services" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_slot_alerts_move_appointment_id" FOREIGN KEY ("move_appointment_id")
          REFERENCES "booking"."appointments" ("id") ON DELETE CASCADE
      )`);
    // A freed slot looks for the oldest active alert of its service.
    await queryRunner.query(
      `CREATE INDEX "IDX_slot_alerts_service_id_created_at" ON "booking"."slot_alerts" ("service_id", "created_at") WHERE "status" = 'active'`,
    );
    await queryRunner.query('CREATE INDEX "IDX_slot_alerts_patient_id" ON "booking"."slot_alerts" ("patient_id")');

    await queryRunner.query(`
      CREATE TABLE "booking"."notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "alert_id" uuid NOT NULL,
        "slot_id" uuid NOT NULL,
        "appointment_id" uuid,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_notifications_kind" CHECK ("kind" IN ('slot_available', 'appointment_moved')),
        CONSTRAINT "FK_notifications_slot_id" FOREIGN KEY ("slot_id")
          REFERENCES "booking"."slots" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_notifications_patient_id_created_at" ON "booking"."notifications" ("patient_id", "created_at")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "booking"."notifications"');
    await queryRunner.query('DROP TABLE "booking"."slot_alerts"');
  }
}
