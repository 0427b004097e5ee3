import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, refresh-token families, signing keys and the shared login throttle. */
export class AccountsTokensKeys1764172800000 implements MigrationInterface {
  name = 'AccountsTokensKeys1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "identity"."accounts" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "password_hash" text NOT NULL,
        "first_name" text NOT NULL,
        "last_name" text NOT NULL,
        "phone" text,
        "pesel" text,
        "roles" text[] NOT NULL DEFAULT '{patient}',
        "level" text NOT NULL DEFAULT 'basic',
        "verified_at" timestamptz,
        "verification_method" text,
        "terms_accepted_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_accounts" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_accounts_email" UNIQUE ("email"),
        CONSTRAINT "CHK_accounts_email_normalised" CHECK ("email" = lower(btrim("email"))),
        CONSTRAINT "CHK_accounts_level" CHECK ("level" IN ('basic', 'full')),
        CONSTRAINT "CHK_accounts_roles" CHECK (cardinality("roles") > 0 AND "roles" <@ ARRAY['patient', 'staff', 'doctor']::text[]),
        CONSTRAINT "CHK_accounts_pesel" CHECK ("pesel" IS NULL OR "pesel" ~ '^[0-9]{11}$'),
        CONSTRAINT "CHK_accounts_verification" CHECK (("verified_at" IS NULL) = ("verification_method" IS NULL))
      )`);

    await queryRunner.query(`
      CREATE TABLE "identity"."refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "family_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        "token_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "revoked_at" timestamptz,
        CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_refresh_tokens_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "CHK_refresh_tokens_token_hash" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
        CONSTRAINT "FK_refresh_tokens_account_id" FOREIGN KEY ("account_id")
          REFERENCES "identity"."accounts" ("id") ON DELETE CASCADE
      )`);
    await queryRunner.query('CREATE INDEX "IDX_refresh_tokens_family_id" ON "identity"."refresh_tokens" ("family_id")');
    await queryRunner.query(
      'CREATE INDEX "IDX_refresh_tokens_account_id" ON "identity"."refresh_tokens" ("account_id")',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_refresh_tokens_expires_at" ON "identity"."refresh_tokens" ("expires_at")',
    );

    await queryRunner.query(`
      CREATE TABLE "identity"."signing_keys" (
        "id" integer GENERATED ALWAYS AS IDENTITY,
        "kid" text NOT NULL,
        "algorithm" text NOT NULL,
        "public_jwk" jsonb NOT NULL,
        "private_jwk" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL,
        "retired_at" timestamptz,
        CONSTRAINT "PK_signing_keys" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_signing_keys_kid" UNIQUE ("kid"),
        CONSTRAINT "CHK_signing_keys_algorithm" CHECK ("algorithm" IN ('ES256'))
      )`);

    await queryRunner.query(`
      CREATE TABLE "identity"."login_throttle" (
        "key" text NOT NULL,
        "failures" integer NOT NULL,
        "pending" integer NOT NULL,
        "window_ends_at" timestamptz NOT NULL,
        CONSTRAINT "PK_login_throttle" PRIMARY KEY ("key"),
        CONSTRAINT "CHK_login_throttle_counts" CHECK ("failures" >= 0 AND "pending" >= 0)
      )`);
    await queryRunner.query(
      'CREATE INDEX "IDX_login_throttle_window_ends_at" ON "identity"."login_throttle" ("window_ends_at")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "identity"."login_throttle"');
    await queryRunner.query('DROP TABLE "identity"."signing_keys"');
    await queryRunner.query('DROP TABLE "identity"."refresh_tokens"');
    await queryRunner.query('DROP TABLE "identity"."accounts"');
  }
}
