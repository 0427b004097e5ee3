import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The medicines catalog with its search, prescriptions with their items, and
 * renewal requests. The rules that races could break live here as
 * constraints: one access-key per package, one prescription per renewal
 * request, one pending request per patient and medicine (partial unique
 * index), at most three requests a day per patient (a checked counter row
 * that a single conditional upsert moves).
 *
 * Search folds case and Polish diacritics in PostgreSQL: `fold_text` wraps
 * unaccent (which is only STABLE, since its dictionary could change) as an
 * IMMUTABLE function so a trigram index can be built on it. pg_trgm and
 * unaccent are trusted extensions (PostgreSQL 13+): the service's database
 * user may create them; they are database-wide, in schema public.
 */
export class MedicinesPrescriptionsRenewals1764950400000 implements MigrationInterface {
  name = 'MedicinesPrescriptionsRenewals1764950400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
    await queryRunner.query(`
      CREATE FUNCTION "prescriptions"."fold_text"(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    await queryRunner.query(`
      CREATE TABLE "prescriptions"."medicines" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "substance" text NOT NULL,
        "atc_code" text NOT NULL,
        "form" text NOT NULL,
        "strength" text NOT NULL,
        "pack_size" integer NOT NULL,
        "prescription_only" boolean NOT NULL,
        "antibiotic" boolean NOT NULL,
        "controlled" boolean NOT NULL,
        CONSTRAINT "PK_medicines" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_medicines_product" UNIQUE ("name", "form", "strength", "pack_size"),
        CONSTRAINT "CHK_medicines_atc_code" CHECK ("atc_code" ~ '^[A-Z][0-9]{2}([A-Z]{1,2}([0-9]{2})?)?$'),
        CONSTRAINT "CHK_medicines_antibiotic" CHECK ("antibiotic" = ("atc_code" LIKE 'J01%')),
        CONSTRAINT "CHK_medicines_pack_size" CHECK ("pack_size" > 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_medicines_search" ON "prescriptions"."medicines"
         USING gin ("prescriptions"."fold_text"("name" || ' ' || "substance" || ' ' || "strength") public.gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE "prescriptions"."renewal_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "doctor_id" uuid,
        "status" text NOT NULL DEFAULT 'pending',
        "note" text,
        "created_at" timestamptz NOT NULL,
        "decided_at" timestamptz,
        "decided_by" uuid,
        "decline_reason" text,
        CONSTRAINT "PK_renewal_requests" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_renewal_requests_status" CHECK ("status" IN ('pending', 'approved', 'declined')),
        CONSTRAINT "CHK_renewal_requests_decided" CHECK (("status" = 'pending') = ("decided_at" IS NULL)),
        CONSTRAINT "CHK_renewal_requests_decline_reason" CHECK (("status" = 'declined') = ("decline_reason" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_renewal_requests_patient_id_created_at" ON "prescriptions"."renewal_requests" ("patient_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_renewal_requests_doctor_id_created_at" ON "prescriptions"."renewal_requests" ("doctor_id", "created_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "prescriptions"."renewal_request_items" (
        "request_id" uuid NOT NULL,
        "medicine_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "pending" boolean NOT NULL DEFAULT true,
        CONSTRAINT "PK_renewal_request_items" PRIMARY KEY ("request_id", "medicine_id"),
        CONSTRAINT "FK_renewal_request_items_request_id" FOREIGN KEY ("request_id")
          REFERENCES "prescriptions"."renewal_requests" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_renewal_request_items_medicine_id" FOREIGN KEY ("medicine_id")
          REFERENCES "prescriptions"."medicines" ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_renewal_request_items_pending" ON "prescriptions"."renewal_request_items" ("patient_id", "medicine_id") WHERE "pending"`,
    );

    await queryRunner.query(`
      CREATE TABLE "prescriptions"."renewal_daily_counts" (
        "patient_id" uuid NOT NULL,
        "day" date NOT NULL,
        "count" integer NOT NULL,
        CONSTRAINT "PK_renewal_daily_counts" PRIMARY KEY ("patient_id", "day"),
        CONSTRAINT "CHK_renewal_daily_counts_count" CHECK ("count" BETWEEN 0 AND 3)
      )`);

    await queryRunner.query(`
      CREATE TABLE "prescriptions"."prescriptions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "doctor_id" uuid NOT NULL,
        "appointment_id" uuid,
        "renewal_request_id" uuid,
        "access_code" text NOT NULL,
        "key" uuid NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "valid_from" date NOT NULL,
        "valid_days" integer NOT NULL,
        "valid_until" date NOT NULL,
        "dispensed_at" timestamptz,
        CONSTRAINT "PK_prescriptions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_prescriptions_key" UNIQUE ("key"),
        CONSTRAINT "UQ_prescriptions_renewal_request_id" UNIQUE ("renewal_request_id"),
        CONSTRAINT "CHK_prescriptions_access_code" CHECK ("access_code" ~ '^[0-9]{4}$'),
        CONSTRAINT "CHK_prescriptions_valid_days" CHECK ("valid_days" BETWEEN 1 AND 365),
        CONSTRAINT "CHK_prescriptions_valid_until" CHECK ("valid_until" = "valid_from" + "valid_days" - 1),
        CONSTRAINT "FK_prescriptions_renewal_request_id" FOREIGN KEY ("renewal_request_id")
          REFERENCES "prescriptions"."renewal_requests" ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_prescriptions_patient_id_issued_at" ON "prescriptions"."prescriptions" ("patient_id", "issued_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "prescriptions"."prescription_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "prescription_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "medicine_id" uuid NOT NULL,
        "dosage" text NOT NULL,
        "quantity" integer NOT NULL,
        "refund_level" text NOT NULL,
        "no_substitution" boolean NOT NULL DEFAULT false,
        "supply_days" integer,
        CONSTRAINT "PK_prescription_items" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_prescription_items_prescription_id_position" UNIQUE ("prescription_id", "position"),
        CONSTRAINT "CHK_prescription_items_position" CHECK ("position" BETWEEN 1 AND 5),
        CONSTRAINT "CHK_prescription_items_quantity" CHECK ("quantity" BETWEEN 1 AND 30),
        CONSTRAINT "CHK_prescription_items_refund_level" CHECK ("refund_level" IN ('100%', '50%', '30%', 'R', 'B')),
        CONSTRAINT "CHK_prescription_items_supply_days" CHECK ("supply_days" BETWEEN 1 AND 360),
        CONSTRAINT "FK_prescription_items_prescription_id" FOREIGN KEY ("prescription_id")
          REFERENCES "prescriptions"."prescriptions" ("id") ON DELETE CASCADE,
        CONSTRAINT "FK_prescription_items_medicine_id" FOREIGN KEY ("medicine_id")
          REFERENCES "prescriptions"."medicines" ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_prescription_items_medicine_id" ON "prescriptions"."prescription_items" ("medicine_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "prescriptions"."prescription_items"');
    await queryRunner.query('DROP TABLE "prescriptions"."prescriptions"');
    await queryRunner.query('DROP TABLE "prescriptions"."renewal_daily_counts"');
    await queryRunner.query('DROP TABLE "prescriptions"."renewal_request_items"');
    await queryRunner.query('DROP TABLE "prescriptions"."renewal_requests"');
    await queryRunner.query('DROP TABLE "prescriptions"."medicines"');
    await queryRunner.query('DROP FUNCTION "prescriptions"."fold_text"(text)');
  }
}
