import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files shared in online consultations (ADR 0019): a `file` entry names its file in a column of its own, so a
 * file is shared once per consultation (the database decides concurrent shares) and the doctor's grant is one
 * indexed lookup.
 */
export class OnlineSharedFiles1767100000000 implements MigrationInterface {
  name = 'OnlineSharedFiles1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultations"."online_messages" ADD "file_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "consultations"."online_messages" ADD CONSTRAINT "CHK_online_messages_file_id" CHECK (("kind" = 'file') = ("file_id" IS NOT NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_online_messages_shared_file" ON "consultations"."online_messages" ("consultation_id", "file_id") WHERE "file_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "consultations"."UQ_online_messages_shared_file"`);
    await queryRunner.query(
      `ALTER TABLE "consultations"."online_messages" DROP CONSTRAINT "CHK_online_messages_file_id"`,
    );
    await queryRunner.query(`ALTER TABLE "consultations"."online_messages" DROP COLUMN "file_id"`);
  }
}
