import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity confirmation: bank attempts, verified identities, the outcome history, the contact-form queue, the access log. */
export class IdentityVerification1764259200000 implements MigrationInterface {
  name = 'IdentityVerification1764259200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity"."bank_verification_attempts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "state" text NOT NULL,
        "nonce" text NOT NULL,
        "code_verifier" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        CONSTRAINT "PK_bank_verification_attempts" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_bank_verification_attempts_state" UNIQUE ("state"),
        CONSTRAINT "FK_bank_verification_attempts_account_id" FOREIGN KEY ("account_id")
          REFERENCES "identity"."accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_bank_verification_attempts_account_id" ON "identity"."bank_verification_attempts" ("account_id")',
    );

    await queryRunner.query(`
      CREATE TABLE "identity"."verified_identities" (
        "account_id" uuid NOT NULL,
        "pesel" text,
        "first_name" text NOT NULL,
        "last_name" text NOT NULL,
        "birth_date" date,
        "method" text NOT NULL,
        "verified_at" timestamptz NOT NULL,
        CONSTRAINT "PK_verified_identities" PRIMARY KEY ("account_id"),
        CONSTRAINT "UQ_verified_identities_pesel" UNIQUE ("pesel"),
        CONSTRAINT "CHK_verified_identities_method" CHECK ("method" IN ('bank', 'call_center', 'facility', 'contact_form')),
        CONSTRAINT "FK_verified_identities_account_id" FOREIGN KEY ("account_id")
          REFERENCES "identity"."accounts" ("id") ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE "identity"."verification_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "account_id" uuid NOT NULL,
        "method" text NOT NULL,
        "outcome" text NOT NULL,
        "code" text,
        "reason" text,
        "staff_id" uuid,
        "document_type" text,
        "document_last4" text,
        "note" text,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_verification_events" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_verification_events_method" CHECK ("method" IN ('bank', 'call_center', 'facility', 'contact_form')),
        CONSTRAINT "CHK_verification_events_outcome" CHECK ("outcome" IN ('confirmed', 'refused')),
        CONSTRAINT "FK_verification_events_account_id" FOREIGN KEY ("account_id")
          REFERENCES "identity"."accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_verification_events_account_id" ON "identity"."verification_events" ("account_id", "created_at")',
    );

    await queryRunner.query(`
      CREATE TABLE "identity"."contact_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "email" text NOT NULL,
        "phone" text NOT NULL,
        "pesel" text,
        "message" text NOT NULL,
        "status" text NOT NULL DEFAULT 'open',
        "reason" text,
        "resolved_by" uuid,
        "resolved_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_contact_requests" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_contact_requests_status" CHECK ("status" IN ('open', 'confirmed', 'rejected', 'unreachable'))
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_contact_requests_status" ON "identity"."contact_requests" ("status", "created_at")',
    );

    await queryRunner.query(`
      CREATE TABLE "identity"."access_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "actor_id" uuid NOT NULL,
        "patient_id" uuid,
        "action" text NOT NULL,
        "outcome" text NOT NULL,
        "details" jsonb,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_access_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_access_log_patient_id" ON "identity"."access_log" ("patient_id", "created_at")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "identity"."access_log"');
    await queryRunner.query('DROP TABLE "identity"."contact_requests"');
    await queryRunner.query('DROP TABLE "identity"."verification_events"');
    await queryRunner.query('DROP TABLE "identity"."verified_identities"');
    await queryRunner.query('DROP TABLE "identity"."bank_verification_attempts"');
  }
}
