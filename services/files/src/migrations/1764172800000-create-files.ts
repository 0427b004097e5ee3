import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Patients' documents: metadata only (the bytes live in S3), a pending → stored lifecycle, expiry. */
export class CreateFiles1764172800000 implements MigrationInterface {
  name = 'CreateFiles1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "files"."files" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "object_key" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "name" text,
        "content_type" text,
        "size_bytes" integer,
        "description" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "uploaded_at" TIMESTAMP WITH TIME ZONE,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "CHK_files_stored_complete" CHECK (("status" = 'pending' AND num_nonnulls("name", "content_type", "size_bytes", "description", "uploaded_at", "expires_at") = 0) OR ("status" = 'stored' AND num_nulls("name", "content_type", "size_bytes", "description", "uploaded_at", "expires_at") = 0)),
        CONSTRAINT "CHK_files_size_bytes" CHECK ("size_bytes" BETWEEN 1 AND 8388608),
        CONSTRAINT "CHK_files_content_type" CHECK ("content_type" IN ('image/jpeg', 'image/png', 'application/pdf')),
        CONSTRAINT "CHK_files_status" CHECK ("status" IN ('pending', 'stored')),
        CONSTRAINT "PK_files" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_files_object_key" ON "files"."files" ("object_key")`);
    await queryRunner.query(
      `CREATE INDEX "IDX_files_expires_at_stored" ON "files"."files" ("expires_at") WHERE "status" = 'stored'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_files_patient_id" ON "files"."files" ("patient_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "files"."files"`);
  }
}
