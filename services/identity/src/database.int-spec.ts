import { dataSourceOptions, migrateDatabase } from '@pacjent/platform';
import { createTestDatabase, type TestDatabase } from '@pacjent/testing';
import { DataSource } from 'typeorm';
import { IdentityDatabase } from './database';

describe('identity schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateDatabase(db.url, IdentityDatabase);
    dataSource = await new DataSource(dataSourceOptions(db.url, IdentityDatabase, 1)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('matches the entities exactly (migrations and entities have not drifted)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('migrates a second time without doing anything', async () => {
    await expect(migrateDatabase(db.url, IdentityDatabase)).resolves.toEqual([]);
  });

  it('lets the database refuse an email that is not normalised and an unknown role', async () => {
    const insert = (email: string, roles: string) =>
      dataSource.query(
        `INSERT INTO "identity"."accounts" (email, password_hash, first_name, last_name, roles, terms_accepted_at, created_at)
         VALUES ($1, 'x', 'Jan', 'Kowalski', $2, now(), now())`,
        [email, roles],
      );
    await expect(insert('Jan@Example.com', '{patient}')).rejects.toThrow(/CHK_accounts_email_normalised/);
    await expect(insert('jan@example.com', '{admin}')).rejects.toThrow(/CHK_accounts_roles/);
    await expect(insert('jan@example.com', '{patient}')).resolves.toBeDefined();
  });
});
