import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Claims the service's schema, so its migrations table has a home. */
export class CreateSchema1764086400000 implements MigrationInterface {
  name = 'CreateSchema1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS "identity"');
  }

  async down(): Promise<void> {
    // The schema belongs to the service; dropping it is an operator's decision.
  }
}
