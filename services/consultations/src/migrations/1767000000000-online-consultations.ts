import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Online consultations (issue 13): doctors on duty, the queue and its consultations, their transcripts. */
export class OnlineConsultations1767000000000 implements MigrationInterface {
  name = 'OnlineConsultations1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "consultations"."online_duty" (
        "doctor_account_id" uuid NOT NULL,
        "doctor_id" uuid NOT NULL,
        "doctor_name" text NOT NULL,
        "specialties" text array NOT NULL,
        "forms" text array NOT NULL,
        "since" timestamptz NOT NULL,
        CONSTRAINT "PK_online_duty" PRIMARY KEY ("doctor_account_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "consultations"."online_consultations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "patient_name" text NOT NULL DEFAULT '',
        "patient_birth_date" date,
        "specialty" text NOT NULL,
        "form" text NOT NULL,
        "status" text NOT NULL,
        "service_id" uuid NOT NULL,
        "service_name" text NOT NULL,
        "service_kind" text NOT NULL,
        "doctor_account_id" uuid,
        "doctor_id" uuid,
        "doctor_name" text,
        "requested_at" timestamptz NOT NULL,
        "last_seen_at" timestamptz NOT NULL,
        "started_at" timestamptz,
        "ended_at" timestamptz,
        "last_seq" integer NOT NULL DEFAULT 0,
        CONSTRAINT "CHK_online_consultations_doctor" CHECK (("status" IN ('waiting', 'left')) OR ("doctor_account_id" IS NOT NULL)),
        CONSTRAINT "CHK_online_consultations_form" CHECK ("form" IN ('chat', 'voice', 'video')),
        CONSTRAINT "CHK_online_consultations_status" CHECK ("status" IN ('waiting', 'active', 'ended', 'left')),
        CONSTRAINT "PK_online_consultations" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_online_consultations_patient_open" ON "consultations"."online_consultations" ("patient_id") WHERE "status" IN ('waiting', 'active')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_online_consultations_queue" ON "consultations"."online_consultations" ("specialty", "form", "requested_at") WHERE "status" = 'waiting'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_online_consultations_doctor_account_id" ON "consultations"."online_consultations" ("doctor_account_id", "status")`,
    );
    await queryRunner.query(`
      CREATE TABLE "consultations"."online_messages" (
        "consultation_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "at" timestamptz NOT NULL,
        "author" text NOT NULL,
        "kind" text NOT NULL,
        "text" text,
        "file" jsonb,
        CONSTRAINT "CHK_online_messages_seq" CHECK ("seq" >= 1),
        CONSTRAINT "CHK_online_messages_kind" CHECK ("kind" IN ('text', 'file', 'call_started', 'call_ended', 'ended')),
        CONSTRAINT "CHK_online_messages_author" CHECK ("author" IN ('patient', 'doctor', 'system')),
        CONSTRAINT "PK_online_messages" PRIMARY KEY ("consultation_id", "seq"),
        CONSTRAINT "FK_online_messages_consultation_id" FOREIGN KEY ("consultation_id")
          REFERENCES "consultations"."online_consultations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "consultations"."online_messages"`);
    await queryRunner.query(`DROP TABLE "consultations"."online_consultations"`);
    await queryRunner.query(`DROP TABLE "consultations"."online_duty"`);
  }
}
