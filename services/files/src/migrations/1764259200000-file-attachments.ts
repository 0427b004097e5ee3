import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files attached to phone consultations, and the log of doctors' access to them. */
export class FileAttachments1764259200000 implements MigrationInterface {
  name = 'FileAttachments1764259200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "files"."file_attachments" (
        "file_id" uuid NOT NULL,
        "appointment_id" uuid NOT NULL,
        "attached_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_file_attachments" PRIMARY KEY ("file_id", "appointment_id"),
        CONSTRAINT "FK_file_attachments_file_id" FOREIGN KEY ("file_id")
          REFERENCES "files"."files"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_file_attachments_appointment_id" ON "files"."file_attachments" ("appointment_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "files"."file_access_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "patient_id" uuid NOT NULL,
        "file_id" uuid NOT NULL,
        "file_name" text NOT NULL,
        "appointment_id" uuid NOT NULL,
        "accessor_id" uuid NOT NULL,
        "action" text NOT NULL,
        "accessed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "CHK_file_access_log_action" CHECK ("action" IN ('list', 'download')),
        CONSTRAINT "PK_file_access_log" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_file_access_log_patient_id_accessed_at" ON "files"."file_access_log" ("patient_id", "accessed_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "files"."file_access_log"`);
    await queryRunner.query(`DROP TABLE "files"."file_attachments"`);
  }
}
