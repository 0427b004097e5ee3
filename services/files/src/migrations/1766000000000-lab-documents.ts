import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Laboratories' PDFs of results: outside the patient's quota and expiry. */
export class LabDocuments1766000000000 implements MigrationInterface {
  name = 'LabDocuments1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "files"."lab_documents" (
        "id" uuid NOT NULL,
        "object_key" text NOT NULL,
        "lab_account_id" uuid NOT NULL,
        "patient_id" uuid,
        "status" text NOT NULL DEFAULT 'pending',
        "size_bytes" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "CHK_lab_documents_stored_patient" CHECK (("status" = 'stored') = ("patient_id" IS NOT NULL)),
        CONSTRAINT "CHK_lab_documents_size_bytes" CHECK ("size_bytes" > 0),
        CONSTRAINT "CHK_lab_documents_status" CHECK ("status" IN ('pending', 'stored')),
        CONSTRAINT "PK_lab_documents" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_lab_documents_object_key" ON "files"."lab_documents" ("object_key")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_lab_documents_patient_id" ON "files"."lab_documents" ("patient_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "files"."lab_documents"`);
  }
}
