import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalog (facilities, services, doctors), slots, appointments and idempotency keys. */
export class CreateBookingSchema1764086400000 implements MigrationInterface {
  name = 'CreateBookingSchema1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "booking"');

    await queryRunner.query(`
      CREATE TABLE "booking"."facilities" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "city" text NOT NULL,
        "address" text NOT NULL,
        "opening_hours" text NOT NULL,
        CONSTRAINT "PK_facilities" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_facilities_name" UNIQUE ("name")
      )`);
    await queryRunner.query('CREATE INDEX "IDX_facilities_city" ON "booking"."facilities" ("city")');

    await queryRunner.query(`
      CREATE TABLE "booking"."services" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "specialty" text,
        "channels" text[] NOT NULL,
        "basic_allowed" boolean NOT NULL DEFAULT false,
        "requires_referral" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_services" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_services_name" UNIQUE ("name"),
        CONSTRAINT "CHK_services_kind"
          CHECK ("kind" IN ('consultation', 'test', 'procedure', 'rehabilitation', 'occupational')),
        CONSTRAINT "CHK_services_channels"
          CHECK (cardinality("channels") > 0 AND "channels" <@ ARRAY['in_person', 'phone', 'video']::text[])
      )`);

    await queryRunner.query(`
      CREATE TABLE "booking"."doctors" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "specialties" text[] NOT NULL DEFAULT '{}',
        "languages" text[] NOT NULL DEFAULT '{pl}',
        "account_id" uuid,
        CONSTRAINT "PK_doctors" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_doctors_account_id" UNIQUE ("account_id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "booking"."doctor_services" (
        "doctor_id" uuid NOT NULL,
        "service_id" uuid NOT NULL,
        CONSTRAINT "PK_doctor_services" PRIMARY KEY ("doctor_id", "service_id"),
        CONSTRAINT "FK_doctor_services_doctor_id" FOREIGN KEY ("doctor_id")
          REFERENCES "booking"."doctors" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_doctor_services_service_id" FOREIGN KEY ("service_id")
          REFERENCES "booking"."services" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_doctor_services_service_id" ON "booking"."doctor_services" ("service_id")',
    );

    await queryRunner.query(`
      CREATE TABLE "booking"."slots" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "service_id" uuid NOT NULL,
        "doctor_id" uuid NOT NULL,
        "facility_id" uuid,
        "channel" text NOT NULL,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        CONSTRAINT "PK_slots" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_slots_doctor_id_starts_at" UNIQUE ("doctor_id", "starts_at"),
        CONSTRAINT "CHK_slots_ends_after_start" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "CHK_slots_channel" CHECK ("channel" IN ('in_person', 'phone', 'video')),
        CONSTRAINT "CHK_slots_facility" CHECK (("channel" = 'in_person') = ("facility_id" IS NOT NULL)),
        CONSTRAINT "FK_slots_service_id" FOREIGN KEY ("service_id")
          REFERENCES "booking"."services" ("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_slots_doctor_id" FOREIGN KEY ("doctor_id")
          REFERENCES "booking"."doctors" ("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_slots_facility_id" FOREIGN KEY ("facility_id")
          REFERENCES "booking"."facilities" ("id") ON DELETE RESTRICT
      )`);
    // Searches ask for "free slots of a service (or at a facility, or any) between two instants, soonest first".
    await queryRunner.query(
      'CREATE INDEX "IDX_slots_service_id_starts_at" ON "booking"."slots" ("service_id", "starts_at")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_slots_facility_id_starts_at" ON "booking"."slots" ("facility_id", "starts_at")',
    );
    await queryRunner.query('CREATE INDEX "IDX_slots_starts_at" ON "booking"."slots" ("starts_at")');

    await queryRunner.query(`
      CREATE TABLE "booking"."appointments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slot_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'booked',
        "source" text NOT NULL,
        "booked_by" uuid NOT NULL,
        "booked_at" timestamptz NOT NULL,
        "cancelled_at" timestamptz,
        "referral_id" uuid,
        "occupational_employer" text,
        "occupational_position" text,
        "occupational_referral_number" text,
        CONSTRAINT "PK_appointments" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_appointments_status" CHECK ("status" IN ('booked', 'cancelled', 'completed')),
        CONSTRAINT "CHK_appointments_source" CHECK ("source" IN ('portal', 'phone', 'facility')),
        CONSTRAINT "CHK_appointments_cancelled_at" CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL)),
        CONSTRAINT "CHK_appointments_occupational_referral" CHECK (
          num_nulls("occupational_employer", "occupational_position", "occupational_referral_number") IN (0, 3)
        ),
        CONSTRAINT "FK_appointments_slot_id" FOREIGN KEY ("slot_id")
          REFERENCES "booking"."slots" ("id") ON DELETE RESTRICT
      )`);
    // One patient per slot: at most one booked appointment per slot, whatever the concurrency.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_appointments_slot_id_booked" ON "booking"."appointments" ("slot_id") WHERE "status" = 'booked'`,
    );
    await queryRunner.query('CREATE INDEX "IDX_appointments_patient_id" ON "booking"."appointments" ("patient_id")');

    await queryRunner.query(`
      CREATE TABLE "booking"."idempotency_keys" (
        "patient_id" uuid NOT NULL,
        "key" text NOT NULL,
        "request_hash" text NOT NULL,
        "response" jsonb,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("patient_id", "key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "booking"."idempotency_keys"');
    await queryRunner.query('DROP TABLE "booking"."appointments"');
    await queryRunner.query('DROP TABLE "booking"."slots"');
    await queryRunner.query('DROP TABLE "booking"."doctor_services"');
    await queryRunner.query('DROP TABLE "booking"."doctors"');
    await queryRunner.query('DROP TABLE "booking"."services"');
    await queryRunner.query('DROP TABLE "booking"."facilities"');
  }
}
