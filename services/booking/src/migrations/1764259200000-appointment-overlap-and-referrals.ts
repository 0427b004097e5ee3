import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A patient cannot hold two overlapping booked appointments (an exclusion
 * constraint over the visit's time, copied from its slot), rehabilitation
 * bookings remember their referral reservation, and referral sessions to
 * give back wait in an outbox until consultations confirms.
 */
export class AppointmentOverlapAndReferrals1764259200000 implements MigrationInterface {
  name = 'AppointmentOverlapAndReferrals1764259200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(`
      ALTER TABLE "booking"."appointments"
        ADD COLUMN "starts_at" timestamptz,
        ADD COLUMN "ends_at" timestamptz,
        ADD COLUMN "referral_reservation_id" uuid,
        ADD COLUMN "replaced_by" uuid`);
    await queryRunner.query(`
      UPDATE "booking"."appointments" a SET starts_at = s.starts_at, ends_at = s.ends_at
        FROM "booking"."slots" s WHERE s.id = a.slot_id`);
    await queryRunner.query(`
      ALTER TABLE "booking"."appointments"
        ALTER COLUMN "starts_at" SET NOT NULL,
        ALTER COLUMN "ends_at" SET NOT NULL,
        ADD CONSTRAINT "CHK_appointments_referral_reservation"
          CHECK (("referral_reservation_id" IS NULL) OR ("referral_id" IS NOT NULL)),
        ADD CONSTRAINT "FK_appointments_replaced_by" FOREIGN KEY ("replaced_by")
          REFERENCES "booking"."appointments" ("id") ON DELETE RESTRICT,
        ADD CONSTRAINT "EXC_appointments_patient_id_overlap"
          EXCLUDE USING gist ("patient_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
          WHERE ("status" = 'booked')`);

    await queryRunner.query(`
      CREATE TABLE "booking"."referral_releases" (
        "reservation_id" uuid NOT NULL,
        "referral_id" uuid NOT NULL,
        "patient_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" timestamptz NOT NULL,
        CONSTRAINT "PK_referral_releases" PRIMARY KEY ("reservation_id")
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_referral_releases_next_attempt_at" ON "booking"."referral_releases" ("next_attempt_at")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "booking"."referral_releases"');
    await queryRunner.query(`
      ALTER TABLE "booking"."appointments"
        DROP CONSTRAINT "EXC_appointments_patient_id_overlap",
        DROP CONSTRAINT "FK_appointments_replaced_by",
        DROP CONSTRAINT "CHK_appointments_referral_reservation",
        DROP COLUMN "replaced_by",
        DROP COLUMN "referral_reservation_id",
        DROP COLUMN "ends_at",
        DROP COLUMN "starts_at"`);
  }
}
