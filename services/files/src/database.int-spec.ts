import { createTestDatabase, type TestDatabase } from '@pacjent/testing';
import { dataSourceOptions, migrateDatabase } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { FilesDatabase } from './database';

describe('files schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateDatabase(db.url, FilesDatabase);
    dataSource = await new DataSource(dataSourceOptions(db.url, FilesDatabase, 1)).initialize();
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
    await expect(migrateDatabase(db.url, FilesDatabase)).resolves.toEqual([]);
  });
});
