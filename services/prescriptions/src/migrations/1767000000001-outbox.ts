import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Prescriptions' outbox (libs/platform OutboxEntity): renewal decisions reach the patient's bell through it. */
export class Outbox1767000000001 implements MigrationInterface {
  name = 'Outbox1767000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "prescriptions"."outbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subject" text NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL,
        "published_at" timestamptz,
        CONSTRAINT "PK_outbox" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_created_at_unpublished" ON "prescriptions"."outbox" ("created_at") WHERE "published_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "prescriptions"."outbox"');
  }
}
