import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Events written with the change they announce, published to JetStream afterwards. */
export class Outbox1764518400000 implements MigrationInterface {
  name = 'Outbox1764518400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "booking"."outbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL,
        "published_at" timestamptz,
        CONSTRAINT "PK_outbox" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_created_at_unpublished" ON "booking"."outbox" ("created_at") WHERE "published_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "booking"."outbox"');
  }
}
