import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset by e-mail (hashed single-use tokens), and the name an
 * account was registered under, kept when a bank confirmation replaces it
 * with the bank's (ADR 0015).
 */
export class PasswordResetAndRegisteredName1796400000000 implements MigrationInterface {
  name = 'PasswordResetAndRegisteredName1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "identity"."password_reset_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "account_id" uuid NOT NULL,
      "token_hash" text NOT NULL,
      "created_at" timestamptz NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      CONSTRAINT "PK_password_reset_tokens" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_password_reset_tokens_token_hash" UNIQUE ("token_hash"),
      CONSTRAINT "CHK_password_reset_tokens_token_hash" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
      CONSTRAINT "FK_password_reset_tokens_account_id" FOREIGN KEY ("account_id")
        REFERENCES "identity"."accounts"("id") ON DELETE CASCADE
    )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_password_reset_tokens_account_id" ON "identity"."password_reset_tokens" ("account_id", "created_at")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_password_reset_tokens_expires_at" ON "identity"."password_reset_tokens" ("expires_at")',
    );
    await queryRunner.query(
      'ALTER TABLE "identity"."verified_identities" ADD "registered_first_name" text, ADD "registered_last_name" text',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "identity"."verified_identities" DROP COLUMN "registered_last_name", DROP COLUMN "registered_first_name"',
    );
    await queryRunner.query('DROP TABLE "identity"."password_reset_tokens"');
  }
}
