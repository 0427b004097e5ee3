import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The treatment record: visit outcomes, referrals and their session reservations, questions, and the outbox. */
export class TreatmentRecord1765000000000 implements MigrationInterface {
  name = 'TreatmentRecord1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "consultations"."outbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL,
        "published_at" timestamptz,
        CONSTRAINT "PK_outbox" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_created_at_unpublished" ON "consultations"."outbox" ("created_at") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "consultations"."visit_outcomes" (
        "appointment_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "doctor_account_id" uuid NOT NULL,
        "doctor_id" uuid NOT NULL,
        "doctor_name" text NOT NULL,
        "service_id" uuid NOT NULL,
        "service_name" text NOT NULL,
        "service_kind" text NOT NULL,
        "channel" text NOT NULL,
        "starts_at" timestamptz NOT NULL,
        "status" text NOT NULL,
        "notes" text NOT NULL DEFAULT '',
        "recommendations" text NOT NULL DEFAULT '',
        "diagnoses" jsonb NOT NULL,
        "completed_at" timestamptz NOT NULL,
        "idempotency_key" text,
        "request_hash" text,
        "open_questions" integer NOT NULL DEFAULT 0,
        CONSTRAINT "CHK_visit_outcomes_open_questions" CHECK ("open_questions" BETWEEN 0 AND 3),
        CONSTRAINT "CHK_visit_outcomes_diagnoses" CHECK (jsonb_typeof("diagnoses") = 'array'),
        CONSTRAINT "CHK_visit_outcomes_channel" CHECK ("channel" IN ('in_person', 'phone', 'video')),
        CONSTRAINT "CHK_visit_outcomes_status" CHECK ("status" IN ('completed', 'no_show')),
        CONSTRAINT "PK_visit_outcomes" PRIMARY KEY ("appointment_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_visit_outcomes_doctor_account_id_starts_at" ON "consultations"."visit_outcomes" ("doctor_account_id", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_visit_outcomes_patient_id_starts_at" ON "consultations"."visit_outcomes" ("patient_id", "starts_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "consultations"."questions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "appointment_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "doctor_account_id" uuid NOT NULL,
        "text" text NOT NULL,
        "asked_at" timestamptz NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "answer" text,
        "answered_at" timestamptz,
        CONSTRAINT "CHK_questions_answer" CHECK (("status" = 'answered') = ("answer" IS NOT NULL AND "answered_at" IS NOT NULL)),
        CONSTRAINT "CHK_questions_status" CHECK ("status" IN ('open', 'answered')),
        CONSTRAINT "PK_questions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_questions_appointment_id" FOREIGN KEY ("appointment_id")
          REFERENCES "consultations"."visit_outcomes"("appointment_id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_questions_doctor_account_id_open" ON "consultations"."questions" ("doctor_account_id", "asked_at") WHERE "status" = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_questions_patient_id" ON "consultations"."questions" ("patient_id")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_questions_appointment_id" ON "consultations"."questions" ("appointment_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "consultations"."referral_reservations" (
        "reservation_id" uuid NOT NULL,
        "referral_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "status" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "released_at" timestamptz,
        CONSTRAINT "CHK_referral_reservations_released_at" CHECK (("status" = 'released') = ("released_at" IS NOT NULL)),
        CONSTRAINT "CHK_referral_reservations_status" CHECK ("status" IN ('reserved', 'released')),
        CONSTRAINT "PK_referral_reservations" PRIMARY KEY ("reservation_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "consultations"."referrals" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "appointment_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "doctor_id" uuid NOT NULL,
        "doctor_name" text NOT NULL,
        "kind" text NOT NULL,
        "service_id" uuid NOT NULL,
        "service_name" text NOT NULL,
        "sessions_total" integer NOT NULL,
        "sessions_used" integer NOT NULL DEFAULT 0,
        "issued_at" timestamptz NOT NULL,
        "valid_until" timestamptz NOT NULL,
        CONSTRAINT "CHK_referrals_valid_until" CHECK ("valid_until" > "issued_at"),
        CONSTRAINT "CHK_referrals_sessions" CHECK ("sessions_total" > 0 AND "sessions_used" BETWEEN 0 AND "sessions_total"),
        CONSTRAINT "CHK_referrals_kind" CHECK ("kind" IN ('specialist', 'test', 'rehabilitation')),
        CONSTRAINT "PK_referrals" PRIMARY KEY ("id"),
        CONSTRAINT "FK_referrals_appointment_id" FOREIGN KEY ("appointment_id")
          REFERENCES "consultations"."visit_outcomes"("appointment_id") ON DELETE RESTRICT ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_appointment_id" ON "consultations"."referrals" ("appointment_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_patient_id_issued_at" ON "consultations"."referrals" ("patient_id", "issued_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "consultations"."referrals"');
    await queryRunner.query('DROP TABLE "consultations"."referral_reservations"');
    await queryRunner.query('DROP TABLE "consultations"."questions"');
    await queryRunner.query('DROP TABLE "consultations"."visit_outcomes"');
    await queryRunner.query('DROP TABLE "consultations"."outbox"');
  }
}
