import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A chat line remembers its page's `clientMessageId`, unique per consultation and sender (issue 13): a page
 * that re-sends a line whose ack it never got finds the stored line instead of storing it twice. Lines stored
 * before have none (NULL), which the partial index leaves out.
 */
export class OnlineChatClientMessageId1767200000000 implements MigrationInterface {
  name = 'OnlineChatClientMessageId1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consultations"."online_messages" ADD "client_message_id" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_online_messages_client_message" ON "consultations"."online_messages" ("consultation_id", "author", "client_message_id") WHERE "client_message_id" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "consultations"."UQ_online_messages_client_message"`);
    await queryRunner.query(`ALTER TABLE "consultations"."online_messages" DROP COLUMN "client_message_id"`);
  }
}
